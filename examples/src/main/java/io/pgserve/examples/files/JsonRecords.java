package io.pgserve.examples.files;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgserve.server.PgException;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A JSON-lines file (UTF-8): one JSON object per line, its keys the columns; blank lines are skipped. A missing key
 * or a JSON null is NULL; nested objects and arrays are jsonb.
 */
final class JsonRecords implements Records {
    /** Decimals as BigDecimal, trailing zeros kept: 12.50 is numeric 12.50, not double 12.5. */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true)).build();

    private final String label;
    private final BufferedReader reader;
    private final List<String> names = new ArrayList<>();
    private final List<String> texts = new ArrayList<>();
    private final List<ColumnKind.Origin> origins = new ArrayList<>();
    private long line;

    JsonRecords(Path file, String label) throws IOException {
        this.label = label;
        this.reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
    }

    @Override
    public List<String> header() {
        return null;
    }

    @Override
    public boolean next() {
        String text;
        do {
            try {
                text = reader.readLine();
            } catch (IOException e) {
                throw FileTable.ioError(label, e);
            }
            if (text == null) {
                return false;
            }
            line++;
        } while (text.isBlank());
        JsonNode node;
        try {
            node = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw malformed(e.getOriginalMessage());
        }
        if (!node.isObject()) {
            throw malformed("a line must be a JSON object, not " + node.getNodeType().name().toLowerCase());
        }
        names.clear();
        texts.clear();
        origins.clear();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode value = field.getValue();
            names.add(field.getKey());
            if (value.isNull()) {
                texts.add(null);
                origins.add(ColumnKind.Origin.JSON_SCALAR);
            } else if (value.isTextual()) {
                texts.add(value.textValue());
                origins.add(ColumnKind.Origin.JSON_STRING);
            } else if (value.isContainerNode()) {
                texts.add(value.toString());
                origins.add(ColumnKind.Origin.JSON_NESTED);
            } else if (value.isBigDecimal()) {
                texts.add(value.decimalValue().toString());
                origins.add(ColumnKind.Origin.JSON_SCALAR);
            } else {
                texts.add(value.asText());
                origins.add(ColumnKind.Origin.JSON_SCALAR);
            }
        }
        return true;
    }

    private MalformedRecord malformed(String why) {
        return new MalformedRecord(PgException.builder(FileTable.BAD_COPY_FILE_FORMAT,
                "malformed JSON in file \"" + label + "\", line " + line + ": " + why)
                .where("file " + label + ", line " + line).build());
    }

    @Override
    public long line() {
        return line;
    }

    @Override
    public int size() {
        return names.size();
    }

    @Override
    public String name(int i) {
        return names.get(i);
    }

    @Override
    public String text(int i) {
        return texts.get(i);
    }

    @Override
    public ColumnKind.Origin origin(int i) {
        return origins.get(i);
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            // the file was only read
        }
    }
}
