//! User Timing marks around the work `make bench` times (autosave, CSV out
//! and in), read back from Chromium's performance timeline.

/// Runs `work`, recording its duration as the performance measure `name`.
pub fn measure<R>(name: &str, work: impl FnOnce() -> R) -> R {
    measure_if(name, work, |_| true)
}

/// Runs `work`, recording its duration as the performance measure `name` when
/// `keep` says its result was the work timed (an autosave timer that only waits on is not).
pub fn measure_if<R>(name: &str, work: impl FnOnce() -> R, keep: impl FnOnce(&R) -> bool) -> R {
    let Some(performance) = web_sys::window().and_then(|w| w.performance()) else {
        return work();
    };
    let start = format!("{name}:start");
    let _ = performance.mark(&start);
    let out = work();
    if keep(&out) {
        let _ = performance.measure_with_start_mark(name, &start);
    }
    performance.clear_marks_with_mark_name(&start);
    out
}
