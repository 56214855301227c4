using System.Buffers;
using System.Text.Json;

namespace HistoryBench;

public static class Feed
{
    /// <summary>Parses one line of the feed as JSON to its end and returns its top-level <c>sequence</c>.</summary>
    public static long SequenceOf(ReadOnlySequence<byte> line)
    {
        var reader = new Utf8JsonReader(line);
        long? sequence = null;
        while (reader.Read())
        {
            if (reader is { CurrentDepth: 1, TokenType: JsonTokenType.PropertyName } && reader.ValueTextEquals("sequence"u8))
            {
                reader.Read();
                sequence = reader.GetInt64();
            }
        }

        return sequence ?? throw new InvalidOperationException("A line of the feed has no sequence.");
    }
}
