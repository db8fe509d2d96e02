package org.lapsewatch.inventory;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.lapsewatch.config.YamlErrors;
import org.lapsewatch.model.DomainName;
import org.lapsewatch.model.InventoryEntry;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads an inventory file (CSV with a header row, or YAML: a list of mappings) into entries,
 * all of them or none: the first bad value stops it with {@code FILE line N, field F: reason}.
 *
 * <p>Both formats are read as a stream of tokens so that every value keeps the line it came
 * from; CSV columns and YAML keys are the names in {@link InventoryFields#ALL}.
 */
public final class InventoryReader {
    private static final CsvMapper CSV = new CsvMapper();
    private static final JsonFactory YAML = new YAMLFactory();

    private InventoryReader() {
    }

    /**
     * @param origin the file name used in messages
     * @throws ImportException naming origin, line, field and reason
     */
    public static List<InventoryEntry> read(Reader input, InventoryFormat format, String origin) {
        String text;
        try {
            text = new BufferedReader(input).lines().collect(Collectors.joining("\n", "", "\n"));
        } catch (UncheckedIOException e) {
            throw new ImportException(origin + ": cannot read: " + e.getCause().getMessage(), e);
        }
        List<InventoryEntry> entries = new ArrayList<>();
        Map<DomainName, Integer> lineOf = new HashMap<>();
        RecordSource source = null;
        try (JsonParser p = open(text, format)) {
            source = format == InventoryFormat.CSV ? new CsvRecords(p, text, origin) : new YamlRecords(p, origin);
            for (RawRecord r = source.next(); r != null; r = source.next()) {
                InventoryEntry entry;
                try {
                    entry = InventoryFields.entry(r.values());
                } catch (FieldException e) {
                    throw new ImportException(origin + " line " + r.lineOf(e.field()) + ", field " + e.field() + ": "
                            + e.reason());
                }
                Integer earlier = lineOf.putIfAbsent(entry.name(), r.line());
                if (earlier != null) {
                    throw new ImportException(origin + " line " + r.lineOf(InventoryFields.NAME) + ", field "
                            + InventoryFields.NAME + ": " + entry.name().display() + " is already on line " + earlier);
                }
                entries.add(entry);
            }
        } catch (JsonProcessingException e) {
            int line = source == null ? e.getLocation().getLineNr() : source.errorLine(e);
            throw new ImportException(origin + " line " + line + ": not valid " + format.name() + ": "
                    + YamlErrors.oneLine(e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw new ImportException(origin + ": cannot read: " + e.getMessage(), e);
        }
        return entries;
    }

    private static JsonParser open(String text, InventoryFormat format) throws IOException {
        return switch (format) {
            case CSV -> CSV.getFactory().createParser(text);
            case YAML -> YAML.createParser(text);
        };
    }

    /** One row or mapping: its values by field, and the line of each field. */
    private record RawRecord(int line, Map<String, List<String>> values, Map<String, Integer> lines) {
        int lineOf(String field) {
            return lines.getOrDefault(field, line);
        }
    }

    private interface RecordSource {
        /** The next record, or null at the end. */
        RawRecord next() throws IOException;

        /** The file line a parse error happened on. */
        int errorLine(JsonProcessingException e);
    }

    private static final class CsvRecords implements RecordSource {
        private final JsonParser p;
        private final String origin;
        /** The file line each record starts on (record 0 is the header); the parser itself counts records, not lines. */
        private final List<Integer> recordLines;
        private int record;

        CsvRecords(JsonParser p, String text, String origin) {
            this.p = p;
            this.origin = origin;
            this.recordLines = recordStartLines(text);
            CsvParser csv = (CsvParser) p;
            csv.setSchema(CsvSchema.emptySchema().withHeader());
            csv.enable(CsvParser.Feature.TRIM_SPACES);
            csv.enable(CsvParser.Feature.SKIP_EMPTY_LINES);
            csv.enable(CsvParser.Feature.FAIL_ON_MISSING_HEADER_COLUMNS);
        }

        @Override
        public RawRecord next() throws IOException {
            record++;
            JsonToken t = p.nextToken();
            if (t == null) {
                return null;
            }
            checkHeader();
            int line = currentLine();
            Map<String, List<String>> values = new LinkedHashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                values.put(field, List.of(p.getText()));
            }
            return new RawRecord(line, values, Map.of());
        }

        @Override
        public int errorLine(JsonProcessingException e) {
            return currentLine();
        }

        private int currentLine() {
            return record < recordLines.size() ? recordLines.get(record) : recordLines.getLast() + 1;
        }

        /** Where each non-empty record starts, following RFC 4180 quoting (a quoted value may span lines). */
        private static List<Integer> recordStartLines(String text) {
            List<Integer> starts = new ArrayList<>();
            boolean quoted = false;
            boolean atRecordStart = true;
            int line = 1;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (atRecordStart && c != '\n' && c != '\r') {
                    starts.add(line);
                    atRecordStart = false;
                }
                if (c == '"') {
                    quoted = !quoted;
                } else if (c == '\n') {
                    line++;
                    atRecordStart |= !quoted;
                }
            }
            return starts;
        }

        private boolean headerChecked;

        private void checkHeader() {
            if (headerChecked) {
                return;
            }
            headerChecked = true;
            List<String> seen = new ArrayList<>();
            for (CsvSchema.Column c : ((CsvParser) p).getSchema()) {
                if (!InventoryFields.ALL.contains(c.getName())) {
                    throw new ImportException(origin + " line 1, field " + c.getName() + ": unknown column (known: "
                            + String.join(", ", InventoryFields.ALL) + ")");
                }
                if (seen.contains(c.getName())) {
                    throw new ImportException(origin + " line 1, field " + c.getName() + ": column appears twice");
                }
                seen.add(c.getName());
            }
            if (!seen.contains(InventoryFields.NAME)) {
                throw new ImportException(origin + " line 1, field " + InventoryFields.NAME
                        + ": the header has no name column");
            }
        }
    }

    private static final class YamlRecords implements RecordSource {
        private final JsonParser p;
        private final String origin;
        private boolean started;

        YamlRecords(JsonParser p, String origin) {
            this.p = p;
            this.origin = origin;
        }

        @Override
        public RawRecord next() throws IOException {
            if (!started) {
                started = true;
                JsonToken first = p.nextToken();
                if (first == null) {
                    return null;
                }
                if (first != JsonToken.START_ARRAY) {
                    throw new ImportException(origin + " line " + line() + ": expected a list of domains (- name: …)");
                }
            }
            JsonToken t = p.nextToken();
            if (t == JsonToken.END_ARRAY || t == null) {
                return null;
            }
            int line = line();
            if (t != JsonToken.START_OBJECT) {
                throw new ImportException(origin + " line " + line + ": expected a mapping with name, lifecycle, …");
            }
            Map<String, List<String>> values = new LinkedHashMap<>();
            Map<String, Integer> lines = new HashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                int fieldLine = line();
                if (values.containsKey(field)) {
                    throw new ImportException(origin + " line " + fieldLine + ", field " + field + ": key appears twice");
                }
                lines.put(field, fieldLine);
                values.put(field, value(field, fieldLine));
            }
            return new RawRecord(line, values, lines);
        }

        private List<String> value(String field, int fieldLine) throws IOException {
            JsonToken t = p.nextToken();
            if (t == JsonToken.START_ARRAY) {
                List<String> items = new ArrayList<>();
                while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                    if (!t.isScalarValue()) {
                        throw new ImportException(origin + " line " + line() + ", field " + field
                                + ": expected a list of texts");
                    }
                    items.add(p.getText());
                }
                return items;
            }
            if (t == JsonToken.VALUE_NULL) {
                return List.of();
            }
            if (!t.isScalarValue()) {
                throw new ImportException(origin + " line " + fieldLine + ", field " + field
                        + ": expected a text or a list of texts");
            }
            return List.of(p.getText());
        }

        private int line() {
            return p.currentTokenLocation().getLineNr();
        }

        @Override
        public int errorLine(JsonProcessingException e) {
            return e.getLocation() == null ? line() : e.getLocation().getLineNr();
        }
    }
}
