package javax.microedition.lcdui;

public interface Choice {
    int EXCLUSIVE = 1;
    int MULTIPLE = 2;
    int IMPLICIT = 3;
    String getString(int elementNum);
    int getSelectedIndex();
    boolean isSelected(int elementNum);
    void setSelectedIndex(int elementNum, boolean selected);
}
