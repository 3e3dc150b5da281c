/** The portal's one stylesheet: a plain bank site at 1024 px that still works in a narrow window. */
export const PORTAL_CSS = `
:root { --green: #1f6b4a; --green-dark: #144a33; --green-light: #e8f3ec; --line: #c9d6ce; --red: #c0262d; --blue: #1d4f91; }
* { box-sizing: border-box; }
body { margin: 0; font-family: "Noto Sans JP", "Hiragino Kaku Gothic ProN", Meiryo, sans-serif; color: #222; background: #f4f6f5; line-height: 1.6; }
body.font-s { font-size: 13px; } body.font-m { font-size: 15px; } body.font-l { font-size: 18px; }
a { color: var(--blue); }
.bank-header { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: center; gap: 8px; max-width: 1000px; margin: 0 auto; padding: 12px 16px; background: #fff; }
.bank-name { display: flex; align-items: center; gap: 10px; font-size: 1.4em; font-weight: bold; color: var(--green-dark); }
.bank-name small { display: block; font-size: .6em; font-weight: normal; color: #555; letter-spacing: .1em; }
.bank-mark { color: #e0a100; font-size: 1.4em; }
.header-tools { display: flex; flex-wrap: wrap; align-items: center; gap: 16px; font-size: .85em; }
.font-size a { display: inline-block; margin-left: 4px; padding: 0 6px; border: 1px solid var(--line); border-radius: 3px; text-decoration: none; color: #333; background: #fafafa; }
.font-size .size-s { font-size: .8em; } .font-size .size-l { font-size: 1.2em; }
.utility { display: flex; align-items: center; gap: 12px; }
.logout { margin: 0; }
.logout button { padding: 4px 14px; border: 1px solid var(--red); border-radius: 3px; background: #fff; color: var(--red); font-weight: bold; cursor: pointer; }
.global-nav { display: flex; flex-wrap: wrap; max-width: 1000px; margin: 0 auto; background: var(--green); }
.global-nav a { flex: 1 1 auto; padding: 10px 12px; text-align: center; color: #fff; text-decoration: none; font-weight: bold; border-right: 1px solid rgba(255,255,255,.25); }
.global-nav a:hover, .global-nav a.current { background: var(--green-dark); }
main { max-width: 1000px; margin: 0 auto; padding: 16px 24px 32px; background: #fff; min-height: 60vh; }
.title-bar { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: baseline; border-bottom: 3px solid var(--green); margin-bottom: 16px; }
.title-bar h1 { margin: 8px 0; font-size: 1.3em; color: var(--green-dark); }
.screen-id { margin: 0; font-size: .8em; color: #666; }
.lead { margin: 8px 0 16px; }
.section-title { margin: 24px 0 8px; padding: 4px 10px; font-size: 1.05em; border-left: 6px solid var(--green); background: var(--green-light); }
table { border-collapse: collapse; width: 100%; margin: 8px 0; }
th, td { border: 1px solid var(--line); padding: 8px 10px; text-align: left; vertical-align: top; }
th { width: 32%; background: var(--green-light); font-weight: normal; }
th small { display: block; color: #555; font-size: .85em; }
.list-table th { width: auto; }
td.amount { text-align: right; font-variant-numeric: tabular-nums; }
.required { color: var(--red); font-weight: bold; margin-right: 4px; }
input, select { font: inherit; padding: 5px 8px; border: 1px solid #999; border-radius: 3px; max-width: 100%; }
input.wide { width: 24em; } input.otp { width: 10em; letter-spacing: .2em; }
.buttons { display: flex; flex-wrap: wrap; justify-content: center; gap: 16px; margin: 24px 0 8px; }
.buttons form { margin: 0; }
button, .button { display: inline-block; min-width: 11em; padding: 9px 18px; font: inherit; font-weight: bold; text-align: center; text-decoration: none; color: #333; background: linear-gradient(#fff, #e6e6e6); border: 1px solid #999; border-radius: 4px; cursor: pointer; }
button.primary { color: #fff; background: linear-gradient(#2b8a5f, var(--green)); border-color: var(--green-dark); }
button:disabled { color: #999; background: #eee; border-color: #ccc; cursor: not-allowed; }
button.link { min-width: 0; padding: 0; border: 0; background: none; color: var(--blue); text-decoration: underline; font-weight: normal; }
.back { margin-top: 16px; }
.message-error { margin: 8px 0; padding: 10px 14px; color: var(--red); background: #fdeeee; border: 1px solid #f0b8ba; font-weight: bold; }
.message-notice { margin: 8px 0; padding: 10px 14px; color: #1d3f70; background: #eef3fb; border: 1px solid #bfd0ea; }
.field-error { margin: 4px 0 0; color: var(--red); font-size: .9em; font-weight: bold; }
.notes { margin: 24px 0; padding: 12px 16px; border: 1px solid var(--line); background: #fcfdfc; font-size: .92em; }
.notes h2 { margin: 0 0 8px; font-size: 1em; color: var(--red); }
.notes h3 { margin: 12px 0 4px; font-size: .95em; }
.notes ul { margin: 0; padding-left: 1.2em; }
.menu li { margin: 6px 0; }
.hint { font-size: .9em; color: #555; }
/* A mail address may be 254 characters without a break opportunity: let it wrap anywhere. */
.long-text { overflow-wrap: anywhere; word-break: break-all; }
footer { max-width: 1000px; margin: 0 auto; padding: 12px; text-align: center; font-size: .8em; color: #666; }
@media (max-width: 700px) {
  main { padding: 12px; }
  .form-table th, .form-table td, .info-table th, .info-table td { display: block; width: 100%; }
  .list-table { display: block; overflow-x: auto; }
  .global-nav a { flex-basis: 50%; }
  input.wide { width: 100%; }
  button, .button { width: 100%; }
}
`;
