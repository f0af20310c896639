//! User Timing marks around the work `make bench` times (autosave, CSV out
//! and in), read back from Chromium's performance timeline.

/// Runs `work`, recording its duration as the performance measure `name`.
pub fn measure<R>(name: &str, work: impl FnOnce() -> R) -> R {
    let Some(performance) = web_sys::window().and_then(|w| w.performance()) else {
        return work();
    };
    let start = format!("{name}:start");
    let _ = performance.mark(&start);
    let out = work();
    let _ = performance.measure_with_start_mark(name, &start);
    performance.clear_marks_with_mark_name(&start);
    out
}
