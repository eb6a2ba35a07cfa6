package io.nianbao.core.layout;

/** A cell's text, or the end of a table row where the layout shows one. */
public record Token(Type type, String text, int line) {

    public enum Type { CELL, BREAK }

    public static Token cell(String text, int line) {
        return new Token(Type.CELL, text, line);
    }

    public static Token rowBreak(int line) {
        return new Token(Type.BREAK, "", line);
    }

    public boolean isBreak() {
        return type == Type.BREAK;
    }
}
