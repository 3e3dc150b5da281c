package javax.microedition.lcdui;

public class Image {
    private Image() {}
}
