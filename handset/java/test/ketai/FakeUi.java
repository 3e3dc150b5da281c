package ketai;

/** A recording front end for the desktop harness: every screen becomes one line of text. */
final class FakeUi implements Ui {
    final StringBuffer log = new StringBuffer();
    String stored;
    String reply;
    int status;
    String posted;

    public synchronized void setup(String error, String serviceId, String userId, String startPassword) {
        log.append("setup ").append(error == null ? "-" : error).append(" [").append(serviceId).append('|').append(userId).append('|').append(startPassword).append("]\n");
        notifyAll();
    }

    public synchronized void screen(String title, String[] lines, String[] buttons, String soft1, String soft2) {
        log.append("screen ").append(title).append(" lines=").append(lines.length > 0 ? lines[0] : "").append(" buttons=").append(String.join("/", buttons)).append(" soft=").append(soft1).append('/').append(soft2).append('\n');
        notifyAll();
    }

    public void update(String[] lines) {}

    public String load() {
        return stored;
    }

    public void save(String text) {
        stored = text;
        log.append("save ").append(text == null ? "null" : "token").append('\n');
    }

    public int post(String url, byte[] body, String[] response) {
        posted = url + " " + new String(body, java.nio.charset.StandardCharsets.UTF_8);
        response[0] = reply;
        return status;
    }

    public String source() {
        return "http://gw.test:8787/m/app/pkg/t/docomo/ketai-token.jar";
    }

    public String binding() {
        return "TICKET";
    }

    public void exit() {
        log.append("exit\n");
    }

    /** Waits until the background thread has posted and shown a line starting with `prefix`. */
    synchronized void await(String prefix) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5000;
        while (!(posted != null && log.toString().lastIndexOf("\n" + prefix) > log.toString().indexOf("通信中")) && System.currentTimeMillis() < deadline) wait(100);
    }
}
