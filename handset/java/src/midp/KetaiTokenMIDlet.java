import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import javax.microedition.io.Connector;
import javax.microedition.io.HttpConnection;
import javax.microedition.lcdui.ChoiceGroup;
import javax.microedition.lcdui.Command;
import javax.microedition.lcdui.CommandListener;
import javax.microedition.lcdui.Display;
import javax.microedition.lcdui.Displayable;
import javax.microedition.lcdui.Form;
import javax.microedition.lcdui.List;
import javax.microedition.lcdui.StringItem;
import javax.microedition.lcdui.TextField;
import javax.microedition.midlet.MIDlet;
import javax.microedition.rms.RecordStore;
import ketai.Flow;
import ketai.Ui;
import ketai.Utf8;

/** The MIDlet (JAD MIDlet-1): lcdui Form / List, a record store, HTTP back to the download host. */
public class KetaiTokenMIDlet extends MIDlet implements Ui, CommandListener {
    private static final String STORE = "token";
    private Flow flow;
    private StringItem[] lines = new StringItem[0];
    private TextField serviceId, userId, startPassword;
    private ChoiceGroup agree;

    protected void startApp() {
        if (flow != null) return;
        flow = new Flow(this);
        flow.start();
    }

    protected void pauseApp() {}

    protected void destroyApp(boolean unconditional) {}

    private void commands(Displayable screen, String soft1, String soft2, String[] buttons) {
        if (soft1.length() > 0) screen.addCommand(new Command(soft1, soft1.equals("戻る") ? Command.BACK : Command.SCREEN, 1));
        if (soft2.length() > 0) screen.addCommand(new Command(soft2, Command.OK, 1));
        for (int i = 0; i < buttons.length; i++) screen.addCommand(new Command(buttons[i], Command.SCREEN, 2 + i));
        screen.setCommandListener(this);
        Display.getDisplay(this).setCurrent(screen);
    }

    private TextField field(Form form, String label, String value, int max, int constraints) {
        TextField field = new TextField(label, value, max, constraints);
        form.append(field);
        return field;
    }

    public synchronized void setup(String error, String service, String user, String password) {
        Form form = new Form("初期設定");
        if (error != null) form.append(error);
        TextField s = field(form, "サービスID", service, 16, TextField.ANY);
        TextField u = field(form, "ユーザID", user, 16, TextField.ANY);
        startPassword = field(form, "利用開始パスワード", password, 8, TextField.NUMERIC | TextField.PASSWORD);
        agree = new ChoiceGroup(null, ChoiceGroup.MULTIPLE);
        agree.append("上記内容に同意する", null);
        form.append(agree);
        serviceId = s;
        userId = u;
        lines = new StringItem[0];
        commands(form, "", "送信", new String[0]);
    }

    /** Text lines make a Form (buttons become commands); a screen of buttons only is a List. */
    public synchronized void screen(String title, String[] text, String[] buttons, String soft1, String soft2) {
        serviceId = null;
        if (text.length == 0) {
            lines = new StringItem[0];
            commands(new List(title, List.IMPLICIT, buttons, null), soft1, soft2, new String[0]);
            return;
        }
        Form form = new Form(title);
        lines = new StringItem[text.length];
        for (int i = 0; i < text.length; i++) {
            lines[i] = new StringItem(null, text[i]);
            form.append(lines[i]);
        }
        commands(form, soft1, soft2, buttons);
    }

    public synchronized void update(String[] text) {
        for (int i = 0; i < text.length && i < lines.length; i++) lines[i].setText(text[i]);
    }

    public void commandAction(Command command, Displayable screen) {
        if (command == List.SELECT_COMMAND) {
            List list = (List) screen;
            flow.action(list.getString(list.getSelectedIndex()));
        } else if (command.getLabel().equals("送信") && serviceId != null) {
            flow.submit(serviceId.getString(), userId.getString(), startPassword.getString(), agree.isSelected(0));
        } else flow.action(command.getLabel());
    }

    public String load() {
        try {
            RecordStore store = RecordStore.openRecordStore(STORE, false);
            byte[] bytes = store.getNumRecords() > 0 ? store.getRecord(1) : null;
            store.closeRecordStore();
            return bytes == null ? null : Utf8.decode(bytes, bytes.length);
        } catch (Exception e) {
            return null;
        }
    }

    /** One record: delete the store and write it afresh (record ids are never reused). */
    public void save(String text) {
        try {
            RecordStore.deleteRecordStore(STORE);
        } catch (Exception e) {
            // Not there yet.
        }
        if (text == null) return;
        try {
            byte[] bytes = Utf8.encode(text);
            RecordStore store = RecordStore.openRecordStore(STORE, true);
            store.addRecord(bytes, 0, bytes.length);
            store.closeRecordStore();
        } catch (Exception e) {
            // A full store: the token lives until the MIDlet ends.
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
        return getAppProperty("MIDlet-Jar-URL");
    }

    public String binding() {
        return getAppProperty("Ketai-Binding");
    }

    public void exit() {
        notifyDestroyed();
    }
}
