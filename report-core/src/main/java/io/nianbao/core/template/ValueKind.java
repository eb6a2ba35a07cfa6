package io.nianbao.core.template;

/** How a cell's text becomes a number. */
public enum ValueKind {
    /** A non-negative count: 0, 12, 12件. */
    COUNT,
    /** A signed change: 增加 806, 减39项, -3. */
    SIGNED_CHANGE,
    /** An amount in 万元: 7319.2万元, 10822 万元; 元 and 亿元 are converted. */
    AMOUNT_WAN
}
