package javax.microedition.lcdui;

public class TextField extends Item {
    public static final int ANY = 0;
    public static final int NUMERIC = 2;
    public static final int PASSWORD = 0x10000;
    public TextField(String label, String text, int maxSize, int constraints) {}
    public native String getString();
}
