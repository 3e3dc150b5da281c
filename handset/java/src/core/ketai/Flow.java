package ketai;

/**
 * The token app's screens and rules, shared by both front ends (same as handset/app.ts):
 * 初期設定 → provisioning POST → code screen; メニュー, 設定 → トークン削除, ヘルプ, expiry.
 * One background thread sends the form and moves the countdown.
 */
public final class Flow implements Runnable {
    private static final int SETUP = 0, SENDING = 1, OTP = 2, OTHER = 3;
    private static final String[] NONE = {};
    private static final String[] MENU = { "設定", "トップ画面", "ワンタイムパスワード", "ヘルプ", "終了" };
    private static final String[] HELP = {
        "ワンタイムパスワードは一定時間ごとに変わります。表示中のパスワードをインターネットバンキングの画面に入力してください。",
        "1キーで最新のパスワードを表示します。",
        "機種変更・トークン再発行の際は、設定→トークン削除で削除してください。",
    };

    private final Ui ui;
    private Token token;
    private int screen;
    private String[] pending;
    private long shownSecond = -1;
    /** Where 戻る leads from the current screen. */
    private String back = "";

    public Flow(Ui ui) {
        this.ui = ui;
    }

    public void start() {
        token = Token.load(ui.load());
        if (token == null) setup(null);
        else otp();
        new Thread(this).start();
    }

    /** 送信 on the setup screen, with the fields as typed. */
    public synchronized void submit(String serviceId, String userId, String startPassword, boolean agreed) {
        if (screen != SETUP) return;
        serviceId = serviceId.trim();
        userId = userId.trim();
        String error = null;
        if (serviceId.length() == 0 || userId.length() == 0 || startPassword.length() == 0) error = "サービスID・ユーザID・利用開始パスワードを入力してください。";
        else if (!digits(startPassword)) error = "利用開始パスワードは4～8桁の数字で入力してください。";
        else if (!agreed) error = "「上記内容に同意する」を選択してください。";
        if (error != null) {
            ui.setup(error, serviceId, userId, startPassword);
            return;
        }
        pending = new String[] { serviceId, userId, startPassword };
        screen = SENDING;
        ui.screen("初期設定", new String[] { "通信中です。しばらくお待ちください。" }, NONE, "", "");
    }

    /** A button or soft key with this label was selected (戻る goes where the screen says). */
    public synchronized void action(String label) {
        if (screen == SENDING || label.length() == 0) return;
        if (label.equals("戻る")) label = back;
        if (label.equals("更新")) shownSecond = -1;
        else if (label.equals("メニュー")) show("メニュー", NONE, MENU, "ワンタイムパスワード");
        else if (label.equals("ワンタイムパスワード")) otp();
        else if (label.equals("トップ画面")) show("OTPトークン", new String[] { token.values[5] }, new String[] { "ワンタイムパスワード", "メニュー" }, "ワンタイムパスワード");
        else if (label.equals("設定") || label.equals("いいえ")) show("設定", NONE, new String[] { "トークン削除" }, "メニュー");
        else if (label.equals("ヘルプ")) show("ヘルプ", HELP, NONE, "メニュー");
        else if (label.equals("トークン削除")) show("トークン削除", new String[] { "トークンを削除します。削除すると元に戻せません。よろしいですか？" }, new String[] { "はい", "いいえ" }, "設定");
        else if (label.equals("はい")) {
            token = null;
            ui.save(null);
            setup(null);
        } else if (label.equals("終了")) ui.exit();
        tick();
    }

    private void show(String title, String[] lines, String[] buttons, String backTo) {
        screen = OTHER;
        back = backTo;
        ui.screen(title, lines, buttons, "戻る", "");
    }

    private void setup(String error) {
        screen = SETUP;
        ui.setup(error, "", "", "");
    }

    private void otp() {
        if (token == null) return;
        long now = System.currentTimeMillis();
        if (token.expired(now)) {
            screen = OTHER;
            back = "";
            ui.screen(token.values[5], new String[] {
                new StringBuffer("このトークンは有効期限（").append(Token.japanDate(token.values[7])).append("）が切れています。").toString(),
                "インターネットバンキングでトークンを再発行してください。" }, new String[] { "トークン削除" }, "メニュー", "");
            return;
        }
        screen = OTP;
        shownSecond = now / 1000;
        ui.screen(token.values[5], otpLines(now), NONE, "メニュー", "更新");
    }

    private String[] otpLines(long now) {
        return new String[] {
            "ワンタイムパスワード",
            token.code(now),
            new StringBuffer("残り").append(token.secondsLeft(now)).append("秒").toString(),
            new StringBuffer("シリアル番号 ").append(token.values[0]).toString(),
            new StringBuffer("利用開始日 ").append(Token.japanDate(token.values[6])).toString(),
            new StringBuffer("利用期限 ").append(Token.japanDate(token.values[7])).toString(),
        };
    }

    /** Once a second on the code screen: a new countdown (and code), or the expired screen when due. */
    private synchronized void tick() {
        if (screen != OTP) return;
        long now = System.currentTimeMillis();
        if (token.expired(now)) otp();
        else if (now / 1000 != shownSecond) {
            shownSecond = now / 1000;
            ui.update(otpLines(now));
        }
    }

    public void run() {
        while (true) {
            String[] form;
            synchronized (this) {
                form = pending;
                pending = null;
            }
            if (form != null) send(form);
            tick();
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void send(String[] form) {
        Object result;
        try {
            String[] response = new String[1];
            int status = ui.post(provisionUrl(ui.source()), formBody(form, ui.binding()), response);
            result = Token.fromResponse(status, response[0]);
        } catch (Exception e) {
            result = "通信できませんでした。電波の良い所で再度お試しください。";
        }
        synchronized (this) {
            if (result instanceof Token) {
                token = (Token) result;
                ui.save(token.serialize());
                otp();
            } else {
                screen = SETUP;
                ui.setup((String) result, form[0], form[1], "");
            }
        }
    }

    private static boolean digits(String text) {
        if (text.length() < 4 || text.length() > 8) return false;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') return false;
        }
        return true;
    }

    /** `scheme://host[:port]` of the package URL + the provisioning path. */
    static String provisionUrl(String source) {
        int host = source.indexOf("://") + 3;
        int path = source.indexOf('/', host);
        return new StringBuffer(path < 0 ? source : source.substring(0, path)).append("/m/app/provision").toString();
    }

    /** application/x-www-form-urlencoded in UTF-8. */
    static byte[] formBody(String[] form, String binding) {
        StringBuffer out = new StringBuffer();
        field(out, "serviceId", form[0]);
        field(out, "userId", form[1]);
        field(out, "startPassword", form[2]);
        if (binding != null && binding.length() > 0) field(out, "binding", binding);
        return Utf8.encode(out.toString().substring(1));
    }

    private static void field(StringBuffer out, String name, String value) {
        out.append('&').append(name).append('=');
        byte[] bytes = Utf8.encode(value);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            if ((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '-' || b == '_' || b == '.' || b == '*') out.append((char) b);
            else out.append('%').append("0123456789ABCDEF".charAt(b >> 4)).append("0123456789ABCDEF".charAt(b & 15));
        }
    }
}
