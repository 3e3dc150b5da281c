package javax.microedition.lcdui;

public class Display {
    private Display() {}
    public static native Display getDisplay(javax.microedition.midlet.MIDlet m);
    public native void setCurrent(Displayable nextDisplayable);
}
