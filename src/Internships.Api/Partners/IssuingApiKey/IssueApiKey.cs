using FluentValidation;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Mvc;
using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.Partners;
using StudentBase.PersonalData;
using Wolverine.Http;
using Wolverine.Marten;

namespace Internships.Partners.IssuingApiKey;

/// <summary>The base issues a partner system an API key in one role (several keys per partner allow rotation).</summary>
/// <param name="ScopeId">The university, branch station or applicant a University, Company or Applicant key acts for.</param>
public record IssueApiKey(PartnerRole Role, Guid? ScopeId, string Label)
{
    public static IssueApiKey Example { get; } = new(PartnerRole.University, Guid.Parse("0196f0c4-0000-7000-8000-00000000a001"), "student system 2026");

    public sealed class Validator : AbstractValidator<IssueApiKey>
    {
        public static readonly Validator Instance = new();

        public Validator()
        {
            RuleFor(x => x.Role).IsInEnum();
            RuleFor(x => x.ScopeId).NotEmpty().When(x => x.Role.IsBound())
                .WithMessage("A University, Company or Applicant key must name the university, branch station or applicant it acts for.",
                    "University、Company 或 Applicant 类型的密钥必须指明其所代表的高校、分站或申请方。");
            RuleFor(x => x.ScopeId).Null().When(x => !x.Role.IsBound())
                .WithMessage("Only University, Company and Applicant keys are bound to a scope.",
                    "只有 University、Company 和 Applicant 类型的密钥才绑定作用范围。");
            RuleFor(x => x.Label).NotEmpty().MaximumLength(100);
        }
    }
}

/// <param name="Id">The key's id, to revoke it.</param>
/// <param name="Key">The key itself: shown this once, stored only as a hash. Send it in the X-Api-Key header.</param>
public record IssuedApiKey(Guid Id, string Url, string PartnerId, PartnerRole Role, Guid? ScopeId, string Label, DateTimeOffset IssuedAt, [Secret] string Key)
    : NewResource<Guid>(Id, Url)
{
    public static IssuedApiKey Example { get; } = new(
        Guid.Parse("0196f0c4-2222-7000-8000-000000000001"), "/api/partners/xmu-student-system/api-keys/0196f0c4-2222-7000-8000-000000000001",
        "xmu-student-system", PartnerRole.University,
        Guid.Parse("0196f0c4-0000-7000-8000-00000000a001"), "student system 2026",
        new DateTimeOffset(2026, 1, 5, 10, 0, 0, TimeSpan.FromHours(8)), "sbk_3q2-7wZkN0b1pXy4rTe9LmVa6UdQfHsJ8cGoKiBnR5A");
}

public static class IssueApiKeyEndpoint
{
    /// <summary>Partner ids are short, stable, lower-case names such as <c>xmu-student-system</c>.</summary>
    public const string PartnerIdPattern = "^[a-z0-9][a-z0-9-]{1,63}$";

    public static ProblemDetails Validate(IssueApiKey command, string partnerId) =>
        IsPartnerId(partnerId) ? IssueApiKey.Validator.Instance.Check(command) : PartnerIdProblem();

    public static bool IsPartnerId(string partnerId) => System.Text.RegularExpressions.Regex.IsMatch(partnerId, PartnerIdPattern);

    public static ProblemDetails PartnerIdProblem() => Validation.Problem("partnerId",
        "A partner id is 2 to 64 lower-case letters, digits and hyphens.", "合作方 id 由 2 至 64 个小写字母、数字和连字符组成。");

    [WolverinePost("/api/partners/{partnerId}/api-keys", Name = "IssueApiKey")]
    [Allow(PartnerRole.BaseAdministrator)]
    [EndpointSummary("Issue an API key to a partner system (the key is returned once)")]
    public static (IssuedApiKey, IStartStream) Post(
        IssueApiKey command, string partnerId, TimeProvider clock)
    {
        var keyId = Guid.CreateVersion7();
        var key = ApiKeys.Generate();
        var issued = new ApiKeyIssued(keyId, partnerId, command.Role, command.ScopeId, ApiKeys.Hash(key), command.Label.Trim(), clock.GetUtcNow());

        return (
            new IssuedApiKey(keyId, $"/api/partners/{partnerId}/api-keys/{keyId}", partnerId, issued.Role, issued.ScopeId, issued.Label, issued.IssuedAt, key),
            MartenOps.StartStream<PartnerApiKey>(keyId, issued));
    }

    /// <summary>Every other service learns the key's hash, so it can authenticate the partner without holding the key.</summary>
    public static ValueTask<IReadOnlyList<object>> Published(IEvent<ApiKeyIssued> committed, IQuerySession store, CancellationToken cancellation)
    {
        var issued = committed.Data;
        return ValueTask.FromResult<IReadOnlyList<object>>(
            [new PartnerApiKeyIssued(issued.KeyId, issued.PartnerId, issued.Role.ToString(), issued.ScopeId, issued.KeyHash, issued.Label, issued.IssuedAt)]);
    }
}
