package org.lapsewatch.mailflow;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds addresses and URLs in static sources. Mail routing files are read by their syntax, chosen
 * by file name: {@code aliases} (continuation lines, {@code :include:}, quotes), Postfix
 * {@code virtual}/{@code canonical}/{@code transport}/{@code recipient} maps in text form,
 * {@code .forward}, Sieve scripts ({@code redirect}). Any other file, and every file of a tree, is
 * searched for addresses and URLs; binaries (a NUL byte in the first 8 KiB) and files over the size
 * cap are skipped, and include/exclude globs apply to paths relative to the tree.
 *
 * @param maxFileBytes files larger than this are skipped (counted in {@link #skipped})
 * @param includes     globs a tree file must match (empty: all)
 * @param excludes     globs that exclude a tree file
 */
public record StaticSources(long maxFileBytes, List<String> includes, List<String> excludes) {
    public static final long DEFAULT_MAX_FILE_BYTES = 1 << 20;
    private static final Pattern ADDRESS = Pattern.compile(
            "(?<![\\w.%+-])[A-Za-z0-9._%+-]+@([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+)");
    private static final Pattern URL = Pattern.compile("(?i)\\b(?:https?|ftps?|ldaps?|smtps?|imaps?)://(?:[^/@\\s\"'<>]*@)?([A-Za-z0-9.-]+\\.[A-Za-z0-9-]+)");
    private static final Pattern SIEVE_REDIRECT = Pattern.compile("(?i)\\bredirect\\b(?:\\s+:\\w+)*\\s+\"([^\"]+)\"");

    public StaticSources {
        includes = List.copyOf(includes);
        excludes = List.copyOf(excludes);
        if (maxFileBytes <= 0) {
            throw new IllegalArgumentException("maximum file size must be positive, was " + maxFileBytes);
        }
    }

    public static StaticSources defaults() {
        return new StaticSources(DEFAULT_MAX_FILE_BYTES, List.of(), List.of());
    }

    /** Reads one routing file by the syntax its name implies; {@code :include:} files are followed once. */
    public void scanFile(Path file, Consumer<StaticReference> found) {
        scanRoutingFile(file, found, new HashSet<>());
    }

    /** Searches every text file under {@code root} for addresses and URLs; returns the files skipped. */
    public List<String> scanTree(Path root, Consumer<StaticReference> found) {
        List<PathMatcher> include = includes.stream().map(g -> FileSystems.getDefault().getPathMatcher("glob:" + g)).toList();
        List<PathMatcher> exclude = excludes.stream().map(g -> FileSystems.getDefault().getPathMatcher("glob:" + g)).toList();
        List<String> skipped = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    Path relative = root.relativize(file);
                    if ((!include.isEmpty() && include.stream().noneMatch(m -> m.matches(relative) || m.matches(relative.getFileName())))
                            || exclude.stream().anyMatch(m -> m.matches(relative) || m.matches(relative.getFileName()))) {
                        return FileVisitResult.CONTINUE;
                    }
                    if (attributes.size() > maxFileBytes) {
                        skipped.add(file + " (larger than " + maxFileBytes + " bytes)");
                    } else {
                        List<String> lines = textLines(file);
                        if (lines == null) {
                            skipped.add(file + " (binary)");
                        } else {
                            scanText(file.toString(), lines, found);
                        }
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    skipped.add(file + " (" + e.getMessage() + ")");
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot walk " + root + ": " + e.getMessage(), e);
        }
        return skipped;
    }

    private void scanRoutingFile(Path file, Consumer<StaticReference> found, Set<Path> seen) {
        if (!seen.add(file.toAbsolutePath().normalize())) {
            return;
        }
        List<String> lines = textLines(file);
        if (lines == null) {
            throw new IllegalArgumentException(file + ": binary file, not an alias, map, .forward or Sieve file");
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String path = file.toString();
        if (name.equals(".forward") || name.startsWith(".forward+")) {
            for (int i = 0; i < lines.size(); i++) {
                addresses(path, i + 1, stripComment(lines.get(i)), StaticReference.Kind.FORWARD, found);
            }
        } else if (name.endsWith(".sieve") || name.endsWith(".siv")) {
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = SIEVE_REDIRECT.matcher(lines.get(i));
                while (m.find()) {
                    addresses(path, i + 1, m.group(1), StaticReference.Kind.SIEVE_REDIRECT, found);
                }
            }
        } else if (name.contains("aliases")) {
            aliases(file, lines, found, seen);
        } else if (name.contains("transport")) {
            map(path, lines, StaticReference.Kind.TRANSPORT_MAP, found);
        } else if (name.contains("virtual")) {
            map(path, lines, StaticReference.Kind.VIRTUAL_MAP, found);
        } else if (name.contains("canonical")) {
            map(path, lines, StaticReference.Kind.CANONICAL_MAP, found);
        } else if (name.contains("recipient")) {
            map(path, lines, StaticReference.Kind.RECIPIENT_MAP, found);
        } else {
            scanText(path, lines, found);
        }
    }

    /** {@code name: value, "quoted value", :include:/file} with indented continuation lines. */
    private void aliases(Path file, List<String> lines, Consumer<StaticReference> found, Set<Path> seen) {
        for (int i = 0; i < lines.size(); i++) {
            String line = stripComment(lines.get(i));
            if (line.isBlank()) {
                continue;
            }
            String values = line;
            if (!Character.isWhitespace(line.charAt(0))) {
                int colon = nameEnd(line);
                if (colon < 0) {
                    continue;
                }
                values = line.substring(colon + 1);
            }
            for (String value : splitValues(values)) {
                if (value.startsWith(":include:")) {
                    Path included = file.resolveSibling(value.substring(":include:".length()).strip());
                    if (Files.isRegularFile(included)) {
                        includeFile(included, found, seen);
                    }
                } else if (!value.startsWith("|") && !value.startsWith("/")) {
                    addresses(file.toString(), i + 1, value, StaticReference.Kind.ALIAS, found);
                }
            }
        }
    }

    private void includeFile(Path included, Consumer<StaticReference> found, Set<Path> seen) {
        if (!seen.add(included.toAbsolutePath().normalize())) {
            return;
        }
        List<String> lines = textLines(included);
        if (lines == null) {
            return;
        }
        for (int i = 0; i < lines.size(); i++) {
            addresses(included.toString(), i + 1, stripComment(lines.get(i)), StaticReference.Kind.INCLUDE, found);
        }
    }

    /** {@code key value…}: addresses anywhere, domain keys, and next hops of transport entries. */
    private static void map(String path, List<String> lines, StaticReference.Kind kind, Consumer<StaticReference> found) {
        for (int i = 0; i < lines.size(); i++) {
            String line = stripComment(lines.get(i)).strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] fields = line.split("[\\s,]+");
            String key = fields[0];
            if (key.contains("@")) {
                addresses(path, i + 1, key, kind, found);
            } else if (key.contains(".") && !key.startsWith("/")) {
                String domain = key.startsWith(".") ? key.substring(1) : key;
                found.accept(new StaticReference(path, i + 1, key, domain.toLowerCase(Locale.ROOT), kind));
            }
            for (int f = 1; f < fields.length; f++) {
                String value = fields[f];
                if (value.contains("@")) {
                    addresses(path, i + 1, value, kind, found);
                } else if (kind == StaticReference.Kind.TRANSPORT_MAP && value.indexOf(':') > 0) {
                    String nextHop = value.substring(value.indexOf(':') + 1).replace("[", "").replaceAll("].*", "");
                    int port = nextHop.indexOf(':');
                    nextHop = port >= 0 ? nextHop.substring(0, port) : nextHop;
                    if (nextHop.contains(".") && !value.startsWith("error:") && !value.startsWith("retry:")) {
                        found.accept(new StaticReference(path, i + 1, value, nextHop.toLowerCase(Locale.ROOT), kind));
                    }
                }
            }
        }
    }

    private static void scanText(String path, List<String> lines, Consumer<StaticReference> found) {
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.indexOf('@') >= 0) {
                Matcher m = ADDRESS.matcher(line);
                while (m.find()) {
                    found.accept(new StaticReference(path, i + 1, m.group(), m.group(1).toLowerCase(Locale.ROOT),
                            StaticReference.Kind.CONFIG_ADDRESS));
                }
            }
            if (line.contains("://")) {
                Matcher m = URL.matcher(line);
                while (m.find()) {
                    found.accept(new StaticReference(path, i + 1, m.group(), m.group(1).toLowerCase(Locale.ROOT),
                            StaticReference.Kind.CONFIG_URL));
                }
            }
        }
    }

    private static void addresses(String path, int line, String text, StaticReference.Kind kind, Consumer<StaticReference> found) {
        Matcher m = ADDRESS.matcher(text);
        boolean any = false;
        while (m.find()) {
            any = true;
            found.accept(new StaticReference(path, line, m.group(), m.group(1).toLowerCase(Locale.ROOT), kind));
        }
        String bare = text.strip();
        if (!any && bare.startsWith("@") && bare.length() > 1) { // "@domain" catch-all keys
            found.accept(new StaticReference(path, line, bare, bare.substring(1).toLowerCase(Locale.ROOT), kind));
        }
    }

    /** Values separated by commas outside double quotes, unquoted and stripped. */
    private static List<String> splitValues(String values) {
        List<String> result = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < values.length(); i++) {
            char c = values.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                addValue(result, current);
            } else {
                current.append(c);
            }
        }
        addValue(result, current);
        return result;
    }

    private static void addValue(List<String> result, StringBuilder current) {
        String value = current.toString().strip();
        if (!value.isEmpty()) {
            result.add(value);
        }
        current.setLength(0);
    }

    /** The index of the colon ending an alias name (which may be quoted), or -1. */
    private static int nameEnd(String line) {
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ':' && !quoted) {
                return i;
            }
        }
        return -1;
    }

    private static String stripComment(String line) {
        return line.stripLeading().startsWith("#") ? "" : line;
    }

    /** The file's lines, or null when it looks binary (a NUL byte in the first 8 KiB). */
    private static List<String> textLines(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] content = in.readAllBytes();
            for (int i = 0; i < Math.min(content.length, 8192); i++) {
                if (content[i] == 0) {
                    return null;
                }
            }
            return new String(content, StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
