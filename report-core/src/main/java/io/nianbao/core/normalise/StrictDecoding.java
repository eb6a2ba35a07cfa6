package io.nianbao.core.normalise;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;

/** Bytes to text that fails on any byte the charset cannot read, instead of inventing U+FFFD. */
public final class StrictDecoding {

    private StrictDecoding() {
    }

    public static String decode(ByteBuffer bytes, Charset charset) throws CharacterCodingException {
        return charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(bytes.duplicate()).toString();
    }

    public static String decode(byte[] bytes, Charset charset) throws CharacterCodingException {
        return decode(ByteBuffer.wrap(bytes), charset);
    }
}
