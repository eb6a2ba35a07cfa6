package io.nianbao.core.normalise;

import com.github.houbb.opencc4j.util.ZhConverterUtil;

/**
 * Traditional ⇄ simplified script through opencc4j, safe to call from several threads at once.
 * <p>
 * opencc4j builds its phrase trie on first use into a shared map and lets other threads use that map as
 * soon as it is not empty (double-checked locking over a map filled in place). A conversion that starts
 * while the first one is still building it misses phrases: in parse-service, whose two workers parse
 * at once, 反覆 stayed 反覆 in one report after a restart, its row "无正当理由大量反复申请" was not found and
 * its figures went missing. Here the trie is built once in the class initialiser, which the JVM runs to
 * its end before any thread can call in; every use of opencc4j in the project goes through this class.
 */
public final class ChineseScript {

    static {
        ZhConverterUtil.toSimple("反覆");
        ZhConverterUtil.toTraditional("反复");
    }

    private ChineseScript() {
    }

    public static String toSimplified(String text) {
        return ZhConverterUtil.toSimple(text);
    }

    public static String toTraditional(String text) {
        return ZhConverterUtil.toTraditional(text);
    }

    /** Whether the character is written this way in traditional script. */
    public static boolean isTraditional(char c) {
        return ZhConverterUtil.isTraditional(c);
    }

    /** Whether the character is written this way in simplified script. */
    public static boolean isSimplified(char c) {
        return ZhConverterUtil.isSimple(c);
    }
}
