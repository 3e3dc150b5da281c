package javax.microedition.midlet;

/** MIDP MIDlet: signatures only. */
public abstract class MIDlet {
    protected MIDlet() {}
    protected abstract void startApp() throws MIDletStateChangeException;
    protected abstract void pauseApp();
    protected abstract void destroyApp(boolean unconditional) throws MIDletStateChangeException;
    public final native void notifyDestroyed();
    public final native String getAppProperty(String key);
}
