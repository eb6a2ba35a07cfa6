package io.nianbao.cli;

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

/** Report files on disk: folders expanded, text decoded as UTF-8, else GB18030, else Big5. */
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

    static boolean isHtml(Path file) {
        String n = file.getFileName().toString().toLowerCase();
        return n.endsWith(".html") || n.endsWith(".htm");
    }
}
