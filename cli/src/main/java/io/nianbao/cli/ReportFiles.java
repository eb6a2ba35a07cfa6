package io.nianbao.cli;

import io.nianbao.core.document.DocumentFormat;
import io.nianbao.core.document.DocumentReader;
import io.nianbao.core.document.DocumentText;
import io.nianbao.core.document.UnreadableDocumentException;
import io.nianbao.core.normalise.StrictDecoding;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Report files on disk: folders expanded; text decoded as UTF-8, else GB18030 or Big5 (the charset
 * detected when neither fits, a few damaged bytes replaced with a warning); PDF and Word files read
 * into text with their table rows kept.
 */
final class ReportFiles {

    private ReportFiles() {
    }

    static List<Path> expand(List<Path> paths) {
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    walk.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith(".")).sorted().forEach(files::add);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            } else {
                files.add(p);
            }
        }
        return files;
    }

    static String read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        for (Charset c : List.of(StandardCharsets.UTF_8, Charset.forName("GB18030"), Charset.forName("Big5"))) {
            try {
                return StrictDecoding.decode(bytes, c);
            } catch (CharacterCodingException e) {
                // next
            }
        }
        throw new IOException(file + " is neither UTF-8, GB18030 nor Big5 text");
    }

    /** Any report file (text, HTML, PDF, .docx, .doc) as the text the parser reads, with what reading it noticed. */
    static DocumentText document(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        try {
            return DocumentReader.read(bytes, null, null, file.getFileName().toString());
        } catch (UnreadableDocumentException e) {
            throw new IOException(e.reason(), e);
        }
    }

    /** The format of a file: by its magic bytes, else its extension. */
    static DocumentFormat format(Path file) throws IOException {
        byte[] head;
        try (var in = Files.newInputStream(file)) {
            head = in.readNBytes(1024);
        }
        DocumentFormat magic = DocumentFormat.fromMagic(head);
        if (magic != null) return magic;
        DocumentFormat named = DocumentFormat.fromFileName(file.getFileName().toString());
        return named == DocumentFormat.PDF || named == DocumentFormat.DOCX || named == DocumentFormat.DOC || named == null ? DocumentFormat.TEXT : named;
    }

    /** Whether a file is a PDF or Word document rather than text. */
    static boolean isDocument(DocumentFormat format) {
        return format == DocumentFormat.PDF || format == DocumentFormat.DOCX || format == DocumentFormat.DOC;
    }

    static boolean isHtml(Path file) {
        String n = file.getFileName().toString().toLowerCase();
        return n.endsWith(".html") || n.endsWith(".htm");
    }
}
