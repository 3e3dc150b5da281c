package ketai;

/** What a front end (DoJa i-appli, MIDlet) gives the shared flow: widgets, storage, HTTP. */
public interface Ui {
    /** 初期設定: fields filled with the given values, an optional error line above them. */
    void setup(String error, String serviceId, String userId, String startPassword);

    /**
     * A screen of text lines and buttons; the soft keys carry labels too. Selecting any of them calls
     * Flow.action(label). Lines may be replaced later by update() while the screen is shown.
     */
    void screen(String title, String[] lines, String[] buttons, String soft1, String soft2);

    void update(String[] lines);

    /** The stored token lines, or null. */
    String load();

    /** Stores the token lines; null deletes them. */
    void save(String text);

    /** POSTs a form body; returns the status and puts the UTF-8 decoded body in response[0]. */
    int post(String url, byte[] body, String[] response) throws java.io.IOException;

    /** The URL the package came from: provisioning goes back to that host. */
    String source();

    /** The issuance binding the descriptor carried, or null. */
    String binding();

    void exit();
}
