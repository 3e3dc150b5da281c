package com.nttdocomo.ui;

public interface KeyListener {
    void keyPressed(Panel panel, int key);
    void keyReleased(Panel panel, int key);
}
