/** Styles live in the shadow root, so neither the host page nor the widget can restyle the other. */
export const WIDGET_CSS = `
:host { all: initial; position: fixed; right: 20px; bottom: 20px; z-index: 2147483000;
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1a1f36; }
*, *::before, *::after { box-sizing: border-box; }
button { font: inherit; cursor: pointer; }
:focus-visible { outline: 3px solid #f5a623; outline-offset: 2px; }
.launcher { display: flex; align-items: center; gap: 8px; border: 0; border-radius: 999px; padding: 12px 18px;
  background: #1d4ed8; color: #fff; font-weight: 600; box-shadow: 0 6px 20px rgba(0,0,0,.25); margin-left: auto; }
.launcher:hover { background: #1e40af; }
.panel { display: flex; flex-direction: column; width: min(440px, calc(100vw - 24px));
  height: min(680px, calc(100vh - 40px)); background: #fff; border-radius: 14px; overflow: hidden;
  box-shadow: 0 12px 40px rgba(0,0,0,.3); border: 1px solid #d0d5e0; }
.panel[hidden], .launcher[hidden] { display: none; }
header { display: flex; align-items: center; gap: 8px; padding: 10px 12px; background: #1d4ed8; color: #fff; }
header h2 { flex: 1; margin: 0; font-size: 15px; }
header button { background: transparent; color: #fff; border: 1px solid rgba(255,255,255,.6); border-radius: 6px;
  padding: 4px 8px; }
.log { flex: 1; overflow-y: auto; padding: 12px; display: flex; flex-direction: column; gap: 10px; background: #f6f7fb; }
.msg { max-width: 100%; padding: 8px 10px; border-radius: 10px; overflow-wrap: anywhere; }
.msg.user { align-self: flex-end; background: #1d4ed8; color: #fff; white-space: pre-wrap; max-width: 85%; }
.msg.assistant { align-self: stretch; background: #fff; border: 1px solid #d0d5e0; }
.msg.error { background: #fdecea; color: #8a1c12; border: 1px solid #f5b7b1; }
.msg.streaming { white-space: pre-wrap; }
.msg h1, .msg h2, .msg h3 { font-size: 14px; margin: 12px 0 4px; color: #1e3a8a; }
.msg p { margin: 6px 0; }
.msg ul, .msg ol { margin: 4px 0; padding-left: 20px; }
.msg table { border-collapse: collapse; width: 100%; font-size: 13px; margin: 4px 0; }
.msg th, .msg td { border: 1px solid #d0d5e0; padding: 3px 6px; text-align: left; vertical-align: top; }
.msg th { background: #eef2ff; }
.msg blockquote { margin: 6px 0; padding: 6px 10px; border-left: 4px solid #93c5fd; background: #f1f5ff;
  white-space: normal; }
.msg pre { white-space: pre-wrap; background: #f1f5ff; padding: 6px; border-radius: 6px; }
.tools { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 8px; }
.tools button, .quick button { border: 1px solid #1d4ed8; background: #fff; color: #1d4ed8; border-radius: 999px;
  padding: 4px 12px; }
.tools button:hover, .quick button:hover { background: #eef2ff; }
.tools button[disabled], .quick button[disabled] { opacity: .55; cursor: default; }
.note { font-size: 13px; margin-top: 6px; color: #14532d; }
.note.bad { color: #8a1c12; }
.questions { margin-top: 8px; border-top: 1px dashed #d0d5e0; padding-top: 6px; }
.questions p { margin: 4px 0; font-weight: 600; }
.quick { display: flex; flex-wrap: wrap; gap: 6px; margin: 4px 0 8px; }
.progress { list-style: none; margin: 0; padding: 6px 12px; font-size: 12.5px; color: #334155; background: #eef2ff;
  max-height: 96px; overflow-y: auto; }
.progress:empty { display: none; }
.progress li::before { content: "› "; color: #1d4ed8; }
form { display: flex; gap: 8px; padding: 10px; border-top: 1px solid #d0d5e0; background: #fff; }
form label { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
textarea { flex: 1; resize: none; font: inherit; padding: 8px; border: 1px solid #94a3b8; border-radius: 8px;
  min-height: 44px; max-height: 140px; color: #1a1f36; }
form button { border: 0; border-radius: 8px; background: #1d4ed8; color: #fff; padding: 0 16px; font-weight: 600; }
form button[disabled] { background: #64748b; }
.understood { margin-top: 8px; font-size: 13px; }
.understood summary { cursor: pointer; color: #1d4ed8; }
form.fix { display: grid; grid-template-columns: auto 1fr; gap: 4px 8px; align-items: center; border: 0; padding: 6px 0;
  background: transparent; }
form.fix label { position: static; width: auto; height: auto; overflow: visible; clip: auto; }
form.fix input, form.fix select { font: inherit; padding: 3px 6px; border: 1px solid #94a3b8; border-radius: 6px; min-width: 0; }
form.fix button { grid-column: 1 / -1; justify-self: start; padding: 4px 14px; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`
