package org.lapsewatch.inventory;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.lapsewatch.model.DomainName;
import org.lapsewatch.model.InventoryEntry;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
        List<InventoryEntry> entries = new ArrayList<>();
        Map<DomainName, Integer> lineOf = new HashMap<>();
        try (JsonParser p = open(input, format)) {
            RecordSource source = format == InventoryFormat.CSV ? new CsvRecords(p, origin) : new YamlRecords(p, origin);
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
            var where = e.getLocation();
            throw new ImportException(origin + (where == null ? "" : " line " + where.getLineNr()) + ": not valid "
                    + format.name() + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ImportException(origin + ": cannot read: " + e.getMessage(), e);
        }
        return entries;
    }

    private static JsonParser open(Reader input, InventoryFormat format) throws IOException {
        return switch (format) {
            case CSV -> CSV.getFactory().createParser(input);
            case YAML -> YAML.createParser(input);
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
    }

    private static final class CsvRecords implements RecordSource {
        private final JsonParser p;
        private final String origin;

        CsvRecords(JsonParser p, String origin) {
            this.p = p;
            this.origin = origin;
            CsvParser csv = (CsvParser) p;
            csv.setSchema(CsvSchema.emptySchema().withHeader());
            csv.enable(CsvParser.Feature.TRIM_SPACES);
            csv.enable(CsvParser.Feature.SKIP_EMPTY_LINES);
            csv.enable(CsvParser.Feature.FAIL_ON_MISSING_HEADER_COLUMNS);
        }

        @Override
        public RawRecord next() throws IOException {
            JsonToken t = p.nextToken();
            if (t == null) {
                return null;
            }
            checkHeader();
            int line = p.currentTokenLocation().getLineNr();
            Map<String, List<String>> values = new LinkedHashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                values.put(field, List.of(p.getText()));
            }
            return new RawRecord(line, values, Map.of());
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
    }
}
