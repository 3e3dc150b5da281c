package ketai;

/**
 * The provisioned token and the provisioning wire format (README "Provisioning"): `key=value` lines
 * in UTF-8. The same lines are what the app keeps in its ScratchPad / record store.
 */
public final class Token {
    static final String GENERIC = "通信エラーが発生しました。しばらくしてから再度お試しください。";
    private static final String[] KEYS = { "serial", "secret", "algorithm", "digits", "period", "issuer", "issuedAt", "expiresAt" };

    /** Values in the order of KEYS. */
    final String[] values;
    final byte[] secret;
    final boolean sha256;
    final int digits;
    final int period;
    final long expiresAt;

    private Token(String[] values, byte[] secret, boolean sha256, int digits, int period, long expiresAt) {
        this.values = values;
        this.secret = secret;
        this.sha256 = sha256;
        this.digits = digits;
        this.period = period;
        this.expiresAt = expiresAt;
    }

    /** A token, or the Japanese message to show (the server's, or a generic one). */
    public static Object fromResponse(int status, String body) {
        if (status != 200) {
            String message = value(body, "message");
            return message.length() > 0 ? message : GENERIC;
        }
        Token token = load(body);
        if (token == null) return GENERIC;
        return token;
    }

    /** Parses stored or received lines; null when anything is missing or out of range. */
    public static Token load(String text) {
        if (text == null) return null;
        String[] values = new String[KEYS.length];
        for (int i = 0; i < KEYS.length; i++) {
            values[i] = value(text, KEYS[i]);
            if (values[i].length() == 0) return null;
        }
        int digits, period;
        try {
            digits = Integer.parseInt(values[3]);
            period = Integer.parseInt(values[4]);
        } catch (NumberFormatException e) {
            return null;
        }
        byte[] secret = Otp.base32(values[1]);
        long expiresAt = parseIso(values[7]);
        boolean sha256 = values[2].equals("SHA256");
        if (digits < 4 || digits > 10 || period <= 0 || secret == null || secret.length == 0 || expiresAt < 0) return null;
        if (!sha256 && !values[2].equals("SHA1")) return null;
        return new Token(values, secret, sha256, digits, period, expiresAt);
    }

    public String serialize() {
        StringBuffer out = new StringBuffer();
        for (int i = 0; i < KEYS.length; i++) out.append(KEYS[i]).append('=').append(values[i]).append('\n');
        return out.toString();
    }

    public String code(long now) {
        return Otp.totp(sha256, secret, now, period, digits);
    }

    public int secondsLeft(long now) {
        return period - (int) ((now / 1000) % period);
    }

    public boolean expired(long now) {
        return now >= expiresAt;
    }

    /** The value of `key=` in `key=value` lines (trimmed), or "". */
    static String value(String body, String key) {
        int start = 0;
        while (start < body.length()) {
            int end = body.indexOf('\n', start);
            if (end < 0) end = body.length();
            String line = body.substring(start, end);
            int at = line.indexOf('=');
            if (at > 0 && line.substring(0, at).trim().equals(key)) return line.substring(at + 1).trim();
            start = end + 1;
        }
        return "";
    }

    /** `2026-12-01T00:00:00(.000)(Z|±hh:mm)` → epoch millis, or -1. */
    static long parseIso(String iso) {
        try {
            if (iso.length() < 19 || iso.charAt(10) != 'T') return -1;
            long days = daysFromCivil(number(iso, 0, 4), number(iso, 5, 7), number(iso, 8, 10));
            long seconds = days * 86400 + number(iso, 11, 13) * 3600 + number(iso, 14, 16) * 60 + number(iso, 17, 19);
            int zone = iso.lastIndexOf('+');
            if (iso.lastIndexOf('-') > zone) zone = iso.lastIndexOf('-');
            if (zone > 18) {
                int offset = number(iso, zone + 1, zone + 3) * 3600 + number(iso, zone + 4, zone + 6) * 60;
                seconds -= iso.charAt(zone) == '+' ? offset : -offset;
            }
            return seconds * 1000;
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private static int number(String text, int from, int to) {
        return Integer.parseInt(text.substring(from, to));
    }

    /** Japan-time `YYYY/MM/DD` of an ISO instant (the app's 利用開始日 / 利用期限), or "-". */
    public static String japanDate(String iso) {
        long millis = parseIso(iso);
        if (millis < 0) return "-";
        int z = (int) ((millis / 1000 + 9 * 3600) / 86400) + 719468;
        int era = z / 146097;
        int doe = z - era * 146097;
        int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        int mp = (5 * doy + 2) / 153;
        int day = doy - (153 * mp + 2) / 5 + 1;
        int month = mp < 10 ? mp + 3 : mp - 9;
        int year = yoe + era * 400 + (month <= 2 ? 1 : 0);
        StringBuffer out = new StringBuffer().append(year).append('/');
        if (month < 10) out.append('0');
        out.append(month).append('/');
        if (day < 10) out.append('0');
        return out.append(day).toString();
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (years ≥ 1). */
    private static long daysFromCivil(int year, int month, int day) {
        if (month < 1 || month > 12 || day < 1 || day > 31) throw new IllegalArgumentException();
        if (month <= 2) year--;
        int era = year / 400;
        int yoe = year - era * 400;
        int doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        return era * 146097L + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
    }
}
