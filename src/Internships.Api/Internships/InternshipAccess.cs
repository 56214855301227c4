using FluentValidation;
using StudentBase.Contracts;
using StudentBase.Partners;

namespace Internships.Internships;

/// <summary>Who may see and act on an internship: its three parties for themselves, the base for anyone.</summary>
public static class InternshipAccess
{
    /// <summary>The party this partner is to the internship, or null when it is none of them (the base is none but acts for all).</summary>
    public static AgreementParty? PartyTo(this Partner partner, Internship internship) => partner.Role switch
    {
        PartnerRole.Applicant when partner.ScopeId == internship.StudentId => AgreementParty.Student,
        PartnerRole.Company when partner.ScopeId == internship.BranchStationId => AgreementParty.Company,
        PartnerRole.University when partner.ScopeId == internship.UniversityId => AgreementParty.University,
        _ => null,
    };

    public static bool MaySee(this Partner partner, Internship internship) =>
        partner.Role is PartnerRole.BaseAdministrator or PartnerRole.ExitEntryOfficer or PartnerRole.Analyst
        || partner.PartyTo(internship) is not null;

    /// <summary>Whether the partner may act for the given party: the party itself, or the base recording it (e.g. a paper signature).</summary>
    public static bool ActsFor(this Partner partner, Internship internship, AgreementParty party) =>
        partner.Role == PartnerRole.BaseAdministrator || partner.PartyTo(internship) == party;

    /// <summary>Who the partner is when it ends something: its party, or the base.</summary>
    public static EndingParty? EndingPartyTo(this Partner partner, Internship internship) =>
        partner.Role == PartnerRole.BaseAdministrator ? EndingParty.Base : (EndingParty?)partner.PartyTo(internship);
}

/// <summary>A signature (of the agreement or of an amendment) given by one party.</summary>
/// <param name="Party">The party signing: a partner signs as itself; the base may record any party's signature.</param>
public record Signature(AgreementParty Party)
{
    public static Signature Example { get; } = new(AgreementParty.Company);

    public sealed class Validator : AbstractValidator<Signature>
    {
        public static readonly Validator Instance = new();

        public Validator() => RuleFor(x => x.Party).IsInEnum();
    }
}

/// <summary>An evaluation's rating and comments.</summary>
public sealed class EvaluationValidator<T> : AbstractValidator<T>
{
    public EvaluationValidator(System.Linq.Expressions.Expression<Func<T, int>> rating, System.Linq.Expressions.Expression<Func<T, string>> comments)
    {
        RuleFor(rating).InclusiveBetween(1, 5);
        RuleFor(comments).NotEmpty().MaximumLength(4000);
    }
}
