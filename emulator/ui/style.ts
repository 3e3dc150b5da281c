/** The phone drawn in CSS; served as /emulator/emulator.css. */
export const EMULATOR_CSS = `
body{margin:0;background:#d9dde3;font-family:"Noto Sans CJK JP","Noto Sans JP","Noto Color Emoji",sans-serif;padding:12px;font-size:13px}
.workbench{display:flex;gap:12px;align-items:flex-start;justify-content:center}
.stage{flex:none}
.controls{width:260px;flex:none;display:flex;flex-direction:column;gap:8px}
.inspector{flex:1;min-width:280px;max-width:560px;background:#fff;border-radius:8px;padding:8px;max-height:calc(100vh - 40px);overflow:auto}
.panel{background:#fff;border-radius:8px;padding:8px}
.panel h2,.inspector h2{font-size:13px;margin:0 0 6px;color:#123a6b}
.panel select,.address input{width:100%;box-sizing:border-box}
.address{display:flex;gap:4px}.address input{flex:1}
.device-facts{display:grid;grid-template-columns:auto 1fr;gap:2px 6px;margin:6px 0 0;font-size:11px}.device-facts dt{color:#555}.device-facts dd{margin:0;word-break:break-all;white-space:pre-wrap}
.hint{color:#555;font-size:11px;margin:4px 0 0;word-break:break-all}
.buttons{display:flex;flex-wrap:wrap;gap:4px;margin-top:4px}
.clock input{width:6em}
[data-field=handsetTime]{display:block;font-size:15px;font-variant-numeric:tabular-nums}
.hints{font-size:11px;border-collapse:collapse}.hints th{text-align:left;padding-right:8px;font-weight:normal}
.inspector-entry{border-bottom:1px solid #ddd;padding:3px 0;font-size:12px}
.inspector-entry summary{cursor:pointer;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.inspector-entry .method{font-weight:bold}.inspector-entry.refused .status{color:#b00}
.inspector-entry .size.over,.inspector-entry .badge{color:#b00;font-weight:bold}
.inspector-entry .warnings{color:#b00;margin:4px 0;padding-left:18px}
.inspector-entry .error{color:#b00;margin:4px 0}
.facts{display:grid;grid-template-columns:auto 1fr;gap:2px 6px;margin:4px 0}.facts dt{color:#555}.facts dd{margin:0;word-break:break-all}
.headers{border-collapse:collapse;margin:4px 0;width:100%;font-size:11px}.headers caption{text-align:left;color:#555}
.headers th,.headers td{border:1px solid #ddd;padding:1px 4px;text-align:left;vertical-align:top;word-break:break-all}.headers th{white-space:nowrap;font-weight:normal;background:#f4f6f8}
.record-count{color:#b00;font-weight:normal}
@media (max-width:900px){.workbench{flex-wrap:wrap}.inspector{max-width:none}}
.phone{background:linear-gradient(#3b4350,#1f242c);border-radius:36px;padding:28px 18px 24px;box-shadow:0 8px 24px #0006;display:flex;flex-direction:column;align-items:center;gap:14px}
.device-name{color:#cfd6df;font-size:12px}.phone-time{margin-left:8px;font-variant-numeric:tabular-nums}
.display{background:#fff;border:6px solid #111;border-radius:4px;display:flex;flex-direction:column;overflow:hidden;font-size:14px}
.display.small{font-size:11px}
.bar{background:#123a6b;color:#fff;padding:2px 4px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;min-height:1.3em}
.content{flex:1;overflow-y:auto;padding:2px 4px;word-break:break-all}
.softkeys{display:flex;justify-content:space-between;background:#e6e9ee;border-top:1px solid #999;padding:1px 4px;min-height:1.3em}
.focused{background:#ffd23f;outline:1px solid #c90}
.content a{color:#00e;text-decoration:underline}
.content input,.content select,.content textarea{font:inherit;max-width:95%}
.content p{margin:2px 0}
.app-title{background:#2d6a2d;color:#fff;padding:2px}
.app-otp{font-size:2em;font-weight:bold;text-align:center;letter-spacing:.1em;margin:6px 0}
.app-field{display:block;margin:3px 0}.app-label{display:block}.app-input{display:block;border:1px solid #888;min-height:1.2em;padding:1px}
.app-button{border:1px solid #888;border-radius:3px;text-align:center;margin:3px 0;padding:1px}
.app-nav{display:flex;gap:2px;border-top:1px solid #888;margin-top:4px}.app-nav .app-button{flex:1;font-size:.8em;margin:2px 0}
.keys{display:grid;grid-template-columns:repeat(3,76px);gap:8px}
.keys button,.nav button{background:#eef0f3;border:0;border-radius:12px;height:34px;font-size:13px;white-space:nowrap;cursor:pointer}
.keys button:active,.nav button:active{background:#ffd23f}
.nav{display:grid;grid-template-columns:76px 44px 44px 44px 76px;grid-template-rows:repeat(3,34px);gap:4px;align-items:center}
.nav .select{border-radius:50%}
`;
