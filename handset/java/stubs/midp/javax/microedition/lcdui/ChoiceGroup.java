package javax.microedition.lcdui;

public class ChoiceGroup extends Item implements Choice {
    public ChoiceGroup(String label, int choiceType) {}
    public native int append(String stringPart, Image imagePart);
    public native String getString(int elementNum);
    public native int getSelectedIndex();
    public native boolean isSelected(int elementNum);
    public native void setSelectedIndex(int elementNum, boolean selected);
}
