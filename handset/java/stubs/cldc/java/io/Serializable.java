package java.io;

/** Not in CLDC: javac needs it as an array supertype at compile time only. */
public interface Serializable {}
