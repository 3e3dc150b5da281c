import com.nttdocomo.io.HttpConnection;
import com.nttdocomo.ui.Button;
import com.nttdocomo.ui.Component;
import com.nttdocomo.ui.ComponentListener;
import com.nttdocomo.ui.Display;
import com.nttdocomo.ui.Frame;
import com.nttdocomo.ui.IApplication;
import com.nttdocomo.ui.KeyListener;
import com.nttdocomo.ui.Label;
import com.nttdocomo.ui.ListBox;
import com.nttdocomo.ui.Panel;
import com.nttdocomo.ui.SoftKeyListener;
import com.nttdocomo.ui.TextBox;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import javax.microedition.io.Connector;
import ketai.Flow;
import ketai.Ui;
import ketai.Utf8;

/** The i-appli (ADF AppClass): DoJa Panel widgets, ScratchPad, HTTP back to the download host. */
public class KetaiToken extends IApplication implements Ui, SoftKeyListener, ComponentListener, KeyListener {
    private static final String PAD = "scratchpad:///0";
    private Flow flow;
    private String[] softLabels = new String[2];
    private Component[] buttons = new Component[0];
    private String[] buttonLabels = new String[0];
    private Component[] lines = new Component[0];
    private TextBox serviceId, userId, startPassword;
    private ListBox agree;

    public void start() {
        flow = new Flow(this);
        flow.start();
    }

    private Panel panel(String title, String soft1, String soft2) {
        Panel panel = new Panel();
        panel.setTitle(title);
        panel.setSoftLabel(Frame.SOFT_KEY_1, soft1);
        panel.setSoftLabel(Frame.SOFT_KEY_2, soft2);
        softLabels = new String[] { soft1, soft2 };
        panel.setSoftKeyListener(this);
        panel.setComponentListener(this);
        panel.setKeyListener(this);
        serviceId = null;
        return panel;
    }

    /** Long text goes into a read-only text box: a Label is one line and would be cut off. */
    private static Component text(String text) {
        if (text.length() <= 12) return new Label(text);
        TextBox box = new TextBox(text, 24, (text.length() + 11) / 12, TextBox.DISPLAY_ANY);
        box.setEditable(false);
        return box;
    }

    private TextBox field(Panel panel, String label, String value, int mode, int display) {
        panel.add(new Label(label));
        TextBox box = new TextBox(value, 16, 1, display);
        box.setInputMode(mode);
        panel.add(box);
        return box;
    }

    public synchronized void setup(String error, String service, String user, String password) {
        Panel panel = panel("初期設定", "", "送信");
        if (error != null) panel.add(text(error));
        TextBox s = field(panel, "サービスID", service, TextBox.ALPHA, TextBox.DISPLAY_ANY);
        TextBox u = field(panel, "ユーザID", user, TextBox.ALPHA, TextBox.DISPLAY_ANY);
        startPassword = field(panel, "利用開始パスワード", password, TextBox.NUMBER, TextBox.DISPLAY_PASSWORD);
        agree = new ListBox(ListBox.CHECK_BOX);
        agree.append("上記内容に同意する");
        panel.add(agree);
        addButtons(panel, new String[] { "送信" });
        serviceId = s;
        userId = u;
        lines = new Component[0];
        Display.setCurrent(panel);
    }

    public synchronized void screen(String title, String[] text, String[] labels, String soft1, String soft2) {
        Panel panel = panel(title, soft1, soft2);
        lines = new Component[text.length];
        for (int i = 0; i < text.length; i++) {
            lines[i] = text(text[i]);
            panel.add(lines[i]);
        }
        addButtons(panel, labels);
        Display.setCurrent(panel);
    }

    private void addButtons(Panel panel, String[] labels) {
        buttonLabels = labels;
        buttons = new Component[labels.length];
        for (int i = 0; i < labels.length; i++) {
            buttons[i] = new Button(labels[i]);
            panel.add(buttons[i]);
        }
    }

    public synchronized void update(String[] text) {
        for (int i = 0; i < text.length && i < lines.length; i++) {
            if (lines[i] instanceof Label) ((Label) lines[i]).setText(text[i]);
            else ((TextBox) lines[i]).setText(text[i]);
        }
    }

    public void componentAction(Component source, int type, int param) {
        for (int i = 0; i < buttons.length; i++) {
            if (source == buttons[i]) activate(buttonLabels[i]);
        }
    }

    public void softKeyPressed(int key) {
        activate(softLabels[key == Frame.SOFT_KEY_1 ? 0 : 1]);
    }

    public void softKeyReleased(int key) {}

    public void keyPressed(Panel panel, int key) {
        if (key == Display.KEY_1 && serviceId == null) flow.action("更新");
    }

    public void keyReleased(Panel panel, int key) {}

    private void activate(String label) {
        if (label.equals("送信") && serviceId != null) flow.submit(serviceId.getText(), userId.getText(), startPassword.getText(), agree.isIndexSelected(0));
        else flow.action(label);
    }

    /** ScratchPad layout: 2-byte length, then the token lines in UTF-8 (length 0 = no token). */
    public String load() {
        try {
            InputStream in = Connector.openInputStream(PAD);
            int length = (in.read() << 8) | in.read();
            byte[] bytes = new byte[length > 0 && length < 0xffff ? length : 0];
            int got = 0, n = 0;
            while (got < bytes.length && (n = in.read(bytes, got, bytes.length - got)) > 0) got += n;
            in.close();
            return got > 0 ? Utf8.decode(bytes, got) : null;
        } catch (IOException e) {
            return null;
        }
    }

    public void save(String text) {
        byte[] bytes = Utf8.encode(text == null ? "" : text);
        try {
            OutputStream out = Connector.openOutputStream(PAD);
            out.write(bytes.length >> 8);
            out.write(bytes.length & 0xff);
            out.write(bytes);
            out.close();
        } catch (IOException e) {
            // A full or missing ScratchPad: the token lives until the app ends.
        }
    }

    public int post(String url, byte[] body, String[] response) throws IOException {
        HttpConnection http = (HttpConnection) Connector.open(url, Connector.READ_WRITE, true);
        try {
            http.setRequestMethod(HttpConnection.POST);
            http.setRequestProperty("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8");
            OutputStream out = http.openOutputStream();
            out.write(body);
            out.close();
            http.connect();
            int status = http.getResponseCode();
            InputStream in = http.openInputStream();
            response[0] = Utf8.read(in);
            in.close();
            return status;
        } finally {
            http.close();
        }
    }

    public String source() {
        return getSourceURL();
    }

    /** AppParam: the first argument is the issuance binding. */
    public String binding() {
        String[] args = getArgs();
        return args != null && args.length > 0 ? args[0] : null;
    }

    public void exit() {
        terminate();
    }
}
