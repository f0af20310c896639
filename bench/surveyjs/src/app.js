// The 申报表 of FORMS.md section A in SurveyJS, written as its documentation
// shows: a JSON model, an expression validator for the 800-字 minimum (with a
// registered function counting 字 by the FORMS.md rule), the count shown in
// the description, and the draft saved to localStorage on every value change
// (https://surveyjs.io/form-library/examples/save-survey-progress-and-continue-later/).
/* global Survey, SurveyUI */
const KEY = 'surveyjs-shenbao';

const HAN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Bopomofo}\u2E80-\u2FDF\u3001-\u303F\uFF00-\uFFEF\uFE30-\uFE4F\uFE10-\uFE1F\u3200-\u32FF\u2460-\u24FF\u{1F100}-\u{1F1FF}]/u;

/** 字数 by FORMS.md: each CJK character or full-width mark 1, each run of other non-space 1. */
function zi(text) {
  let n = 0;
  let inRun = false;
  for (const c of String(text ?? '')) {
    if (/\s/u.test(c)) {
      inRun = false;
    } else if (HAN.test(c)) {
      n += 1;
      inRun = false;
    } else if (!inRun) {
      n += 1;
      inRun = true;
    }
  }
  return n;
}
Survey.FunctionFactory.Instance.register('zi', (params) => zi(params[0]));

const districts = ['城中区', '鱼峰区', '柳南区', '柳北区', '柳江区', '柳城县', '鹿寨县', '融安县', '融水苗族自治县', '三江侗族自治县'];

const json = {
  title: '2024年柳州市社区特色科普活动申报表',
  description: '申报截止日期：2024年4月13日',
  locale: 'zh-cn',
  textUpdateMode: 'onTyping',
  checkErrorsMode: 'onValueChanged',
  showQuestionNumbers: 'off',
  calculatedValues: [{ name: 'planZi', expression: 'zi({plan})' }],
  elements: [
    { type: 'text', name: 'district', title: '所在城区', isRequired: true, dataList: districts },
    {
      type: 'text', name: 'community', title: '社区名称', isRequired: true,
      validators: [{ type: 'expression', expression: 'zi({community}) >= 2 and zi({community}) <= 50', text: '社区名称应为2–50字' }],
    },
    { type: 'text', name: 'address', title: '联系地址', isRequired: true, maxLength: 100 },
    {
      type: 'text', name: 'contact', title: '联系人', isRequired: true,
      validators: [{ type: 'expression', expression: 'zi({contact}) >= 2 and zi({contact}) <= 20', text: '联系人应为2–20字' }],
    },
    {
      type: 'text', name: 'phone', title: '联系电话', isRequired: true, inputType: 'tel',
      validators: [{ type: 'regex', regex: '^(1[3-9]\\d{9}|0\\d{2,3}-?\\d{7,8})$', text: '请填写手机号或带区号的固定电话' }],
    },
    { type: 'text', name: 'email', title: '电子邮箱', isRequired: true, inputType: 'email', validators: [{ type: 'email', text: '电子邮箱格式不正确' }] },
    { type: 'text', name: 'activity', title: '活动名称', isRequired: true, maxLength: 50 },
    {
      type: 'multipletext', name: 'period', title: '活动起止时间', isRequired: true,
      items: [
        { name: 'start', title: '开始日期', inputType: 'date', isRequired: true },
        { name: 'end', title: '结束日期', inputType: 'date', isRequired: true },
      ],
      validators: [{ type: 'expression', expression: '{period.start} <= {period.end}', text: '开始日期不能晚于结束日期' }],
    },
    {
      type: 'comment', name: 'plan', title: '活动方案', isRequired: true, rows: 12,
      description: '（不少于800字）字数：{planZi}',
      validators: [{ type: 'expression', expression: 'zi({plan}) >= 800', text: '活动方案不少于800字' }],
    },
    {
      type: 'matrixdynamic', name: 'budget', title: '活动预算', isRequired: true, rowCount: 1, addRowText: '添加一行',
      columns: [
        { name: 'item', title: '支出项目', cellType: 'text', isRequired: true },
        { name: 'note', title: '内容说明', cellType: 'text' },
        { name: 'unit', title: '单位', cellType: 'text' },
        { name: 'quantity', title: '数量', cellType: 'text', inputType: 'number', isRequired: true },
        { name: 'price', title: '单价（元）', cellType: 'text', inputType: 'number', isRequired: true },
        { name: 'amount', title: '金额（元）', cellType: 'expression', expression: '{row.quantity} * {row.price}', totalType: 'sum', displayStyle: 'decimal' },
        { name: 'remark', title: '备注', cellType: 'text' },
      ],
    },
  ],
};

const survey = new Survey.Model(json);
const saved = localStorage.getItem(KEY);
if (saved) {
  try {
    survey.data = JSON.parse(saved);
  } catch {
    localStorage.removeItem(KEY);
  }
}
// SurveyJS's documented way to keep progress: save on every value change.
survey.onValueChanged.add((sender) => {
  const t0 = performance.now();
  localStorage.setItem(KEY, JSON.stringify(sender.data));
  performance.measure('peer:autosave', { start: t0, end: performance.now() });
});
SurveyUI.renderSurvey(survey, document.getElementById('survey'));
