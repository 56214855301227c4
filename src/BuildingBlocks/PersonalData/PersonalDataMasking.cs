using System.Text.Json.Nodes;

namespace StudentBase.PersonalData;

/// <summary>
/// Masks the personal data in a message or event body before it is shown to a role that must not see it
/// (operators, analysts): every property that holds personal data, in clear or encrypted, by its name.
/// </summary>
public static class PersonalDataMasking
{
    public const string Masked = "***";

    private static readonly HashSet<string> PersonalProperties = new(StringComparer.OrdinalIgnoreCase)
    {
        "fullName", "passportNumber", "founderBirthDate", "birthDate", "dateOfBirth", "email", "phone", "contact", "coordinator",
    };

    /// <summary>The same JSON with the value of every personal-data property replaced by <see cref="Masked"/>.</summary>
    public static JsonNode? Mask(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject body:
                foreach (var (name, value) in body.ToList())
                {
                    if (IsPersonal(name) && value is not null)
                    {
                        body[name] = Masked;
                    }
                    else
                    {
                        Mask(value);
                    }
                }

                break;
            case JsonArray items:
                foreach (var item in items)
                {
                    Mask(item);
                }

                break;
        }

        return node;
    }

    private static bool IsPersonal(string property) =>
        PersonalProperties.Contains(property) || property.StartsWith("encrypted", StringComparison.OrdinalIgnoreCase);
}
