package javax.microedition.lcdui;

public abstract class Item {
    Item() {}
    public native String getLabel();
}
