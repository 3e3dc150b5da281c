package javax.microedition.lcdui;

public class List extends Screen implements Choice {
    public static final Command SELECT_COMMAND = null;
    public List(String title, int listType, String[] stringElements, Image[] imageElements) {}
    public native String getString(int elementNum);
    public native int getSelectedIndex();
    public native boolean isSelected(int elementNum);
    public native void setSelectedIndex(int elementNum, boolean selected);
}
