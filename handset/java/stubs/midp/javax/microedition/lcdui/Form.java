package javax.microedition.lcdui;

public class Form extends Screen {
    public Form(String title) {}
    public native int append(Item item);
    public native int append(String str);
}
