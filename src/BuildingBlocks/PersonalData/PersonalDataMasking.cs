using System.Text.Json.Nodes;

namespace StudentBase.PersonalData;

/// <summary>
/// Masks the personal data in an event, a message or a document before it is shown to a role that must not see it
/// (operators, analysts): every member its type classifies as <see cref="DataClasses.PersonalData"/>, in clear or encrypted,
/// and every <see cref="DataClasses.Secret"/> (a subject's key shared in a message).
/// </summary>
public static class PersonalDataMasking
{
    public const string Masked = "***";

    /// <summary>
    /// The same JSON with the value of every personal-data or secret member of <paramref name="type"/> replaced by <see cref="Masked"/>;
    /// nothing at all when the type is not known (what its members are cannot be told).
    /// </summary>
    public static JsonNode? Mask(JsonNode? node, Type? type)
    {
        if (node is null || type is null)
        {
            return null;
        }

        ClassifiedData.Redact(node, type, DataClasses.PersonalData, () => Masked);
        ClassifiedData.Redact(node, type, DataClasses.Secret, () => Masked);
        return node;
    }
}
