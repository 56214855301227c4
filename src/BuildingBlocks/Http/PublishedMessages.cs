using System.Text.Json;
using System.Text.Json.Nodes;
using JasperFx.Events;

namespace StudentBase.Http;

/// <summary>
/// The integration messages a decision publishes travel with its first event, in that event's <see cref="Header"/>, so
/// they are committed in the command's one transaction and forwarded afterwards, in batches, by the event log's relay
/// (the EventSourcing block's <c>IntegrationRelay</c>). Each is kept as its message type's name and its JSON.
/// </summary>
public static class PublishedMessages
{
    public const string Header = "publishes";

    private static readonly JsonSerializerOptions Json = JsonSerializerOptions.Web;

    /// <summary>The events to append: the first one carries the messages when there are any.</summary>
    public static IReadOnlyList<object> Attach(IReadOnlyList<object> events, IReadOnlyList<object> messages)
    {
        if (events.Count == 0 || messages.Count == 0)
        {
            return events;
        }

        var carried = new JsonArray([.. messages.Select(message => new JsonObject
        {
            ["type"] = message.GetType().FullName,
            ["message"] = JsonSerializer.SerializeToNode(message, message.GetType(), Json),
        })]);
        var first = events[0] as IEvent ?? (IEvent)Activator.CreateInstance(typeof(Event<>).MakeGenericType(events[0].GetType()), events[0])!;
        first.SetHeader(Header, carried);
        return [first, .. events.Skip(1)];
    }

    /// <summary>The messages a committed event carries, as their type's full name and their JSON.</summary>
    public static IEnumerable<(string Type, JsonElement Message)> CarriedBy(IEvent committed)
    {
        if (committed.GetHeader(Header) is not { } carried)
        {
            yield break;
        }

        var array = carried switch
        {
            JsonElement element => element,
            JsonNode node => JsonSerializer.SerializeToElement(node),
            _ => JsonSerializer.SerializeToElement(carried),
        };
        foreach (var entry in array.EnumerateArray())
        {
            yield return (entry.GetProperty("type").GetString()!, entry.GetProperty("message"));
        }
    }

    /// <summary>A carried message as its type.</summary>
    public static object Read(JsonElement message, Type type) => message.Deserialize(type, Json)!;
}
