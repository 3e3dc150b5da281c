package ketai;

/**
 * Desktop harness for the shared core (test/java-token.test.ts): one command a line on stdin, one
 * answer a line on stdout, so a single JVM start checks many cases.
 *   totp <SHA1|SHA256> <base32> <millis> <period> <digits>
 *   date <iso>
 *   form <serviceId> <userId> <startPassword> <binding|->
 *   token <status> <body with \n escaped as |>   → the code at issuedAt, or the error message
 */
public final class Check {
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
            } else {
                out.println("?");
            }
        }
    }
}
