using System.Text.Json;
using FluentValidation;
using Marten;
using StudentBase.PersonalData;

namespace Internships.PersonalData;

/// <summary>A person to contact (a company's programme contact, a university's coordinator): personal data, stored encrypted.</summary>
public record Contact([PersonalData] string Name, [PersonalData] string Phone, [PersonalData] string Email)
{
    public sealed class Validator : AbstractValidator<Contact>
    {
        public static readonly Validator Instance = new();

        public Validator()
        {
            RuleFor(x => x.Name).NotEmpty().MaximumLength(100);
            RuleFor(x => x.Phone).NotEmpty().Matches(@"^\+?[0-9 ()-]{6,30}$");
            RuleFor(x => x.Email).NotEmpty().EmailAddress().MaximumLength(200);
        }
    }

    /// <summary>Encrypts the contact with its subject's key (created in the session on first use).</summary>
    public string Protect(IDocumentSession session, Guid subjectId) =>
        session.CreateFor(subjectId).Protect(JsonSerializer.Serialize(this, JsonSerializerOptions.Web));

    /// <summary>Encrypts a changed contact with its subject's existing key.</summary>
    public async Task<string> ProtectAgainAsync(IDocumentSession session, Guid subjectId, CancellationToken cancellation) =>
        (await session.KeyForAsync(subjectId, cancellation)).Protect(JsonSerializer.Serialize(this, JsonSerializerOptions.Web));

    /// <summary>The contact in clear, or null once its subject's key has been erased.</summary>
    public static async Task<Contact?> RevealAsync(IQuerySession session, Guid subjectId, string protectedContact, CancellationToken cancellation) =>
        await session.RevealAsync(subjectId, protectedContact, cancellation) is { } json
            ? JsonSerializer.Deserialize<Contact>(json, JsonSerializerOptions.Web)
            : null;
}
