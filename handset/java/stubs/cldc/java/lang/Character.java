package java.lang;

public final class Character {
    private Character() {}
}
