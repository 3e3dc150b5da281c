package ketai;

/**
 * Desktop harness for the shared core (test/java-token.test.ts): one command a line on stdin, one
 * answer a line on stdout, so a single JVM start checks many cases.
 *   totp <SHA1|SHA256> <base32> <millis> <period> <digits>
 *   date <iso>
 *   form <serviceId> <userId> <startPassword> <binding|->
 *   token <status> <body with \n escaped as |>   → the code at issuedAt, or the error message
 *   flow <status> <reply body with | for \n>     → the screens the shared flow shows for a fixed
 *                                                 walk through 初期設定, the menu and トークン削除
 */
public final class Check {
    private static String flow(int status, String reply) throws InterruptedException {
        FakeUi ui = new FakeUi();
        ui.status = status;
        ui.reply = reply;
        Flow flow = new Flow(ui);
        flow.start();
        flow.submit(" S1 ", "U1", "", true);
        flow.submit("S1", "U1", "12a4", true);
        flow.submit("S1", "U1", "1234", false);
        flow.submit(" S1 ", "U1", "1234", true);
        ui.await(status == 200 ? "screen デモ銀行" : "setup " + Token.value(reply, "message"));
        ui.log.append("posted ").append(ui.posted).append('\n');
        if (status != 200) return ui.log.toString();
        for (String label : new String[] { "メニュー", "トップ画面", "戻る", "メニュー", "ヘルプ", "戻る", "設定", "トークン削除", "いいえ", "トークン削除", "はい" }) flow.action(label);
        return ui.log.toString();
    }

    public static void main(String[] args) throws Exception {
        java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(System.in, "UTF-8"));
        java.io.PrintStream out = new java.io.PrintStream(System.out, true, "UTF-8");
        String line;
        while ((line = in.readLine()) != null) {
            String[] part = line.split(" ", -1);
            if (part[0].equals("totp")) {
                out.println(Otp.totp(part[1].equals("SHA256"), Otp.base32(part[2]), Long.parseLong(part[3]), Integer.parseInt(part[4]), Integer.parseInt(part[5])));
            } else if (part[0].equals("date")) {
                out.println(Token.japanDate(part[1]));
            } else if (part[0].equals("form")) {
                out.println(new String(Flow.formBody(new String[] { part[1], part[2], part[3] }, part[4].equals("-") ? null : part[4]), "UTF-8"));
            } else if (part[0].equals("token")) {
                Object result = Token.fromResponse(Integer.parseInt(part[1]), line.substring(line.indexOf(' ', 6) + 1).replace('|', '\n'));
                if (result instanceof Token) {
                    Token token = (Token) result;
                    Token again = Token.load(token.serialize());
                    out.println(again.code(Token.parseIso(token.values[6])) + " " + again.secondsLeft(0) + " " + Token.japanDate(token.values[7]));
                } else {
                    out.println(result);
                }
            } else if (part[0].equals("flow")) {
                out.print(flow(Integer.parseInt(part[1]), line.substring(line.indexOf(' ', 5) + 1).replace('|', '\n')));
                out.println("end");
            } else {
                out.println("?");
            }
        }
        // The flow's background thread runs for the app's lifetime; the harness ends here.
        System.exit(0);
    }
}
