using System.Globalization;
using StudentBase.Contracts;
using Subsidies.Policies;
using Subsidies.Students;

namespace Subsidies.Applications;

/// <summary>What eligibility is judged on besides the application's own facts.</summary>
/// <param name="FounderBirthDate">Null when the founder's personal data was erased.</param>
/// <param name="Founder">The founder's record as the other services published it; null when Internships never registered them.</param>
public sealed record EligibilityFacts(
    DateOnly? FounderBirthDate, StudentRecord? Founder, bool FounderFundedBefore, bool CompanyFundedBefore, DateOnly AssessedOn);

/// <summary>The city's criteria applied to an application: every criterion passed or failed with its reason, none skipped.</summary>
public static class Eligibility
{
    public static IReadOnlyList<CriterionResult> Assess(SubsidyPolicyTerms policy, CompanyFacts company, EligibilityFacts facts)
    {
        var criteria = policy.Eligibility;
        var results = new List<CriterionResult>
        {
            facts.Founder is { } founder
                ? Pass("international-student", $"Registered by the Internships service as a {founder.Nationality} national.")
                : Fail("international-student", "The Internships service never registered the founder as an international student or graduate."),
            facts.Founder is { } graduate && graduate.DegreeLevel >= criteria.MinimumDegree
                ? Pass("degree", $"{facts.Founder!.DegreeLevel} from a university in China.")
                : Fail("degree", $"A {criteria.MinimumDegree} degree or above from a university in China is required; "
                                 + (facts.Founder is null ? "none is on record." : $"the record shows {facts.Founder.DegreeLevel}.")),
        };

        if (criteria.RequiresValidResidencePermit)
        {
            results.Add(facts.Founder?.ResidencePermitValidUntil is { } validUntil && validUntil >= facts.AssessedOn
                ? Pass("residence-permit", $"A residence permit valid until {validUntil:yyyy-MM-dd}.")
                : Fail("residence-permit", facts.Founder?.ResidencePermitValidUntil is { } ended
                    ? $"A valid residence permit is required; the one on record ended on {ended:yyyy-MM-dd}."
                    : "A valid residence permit is required; none is on record."));
        }

        if (facts.FounderBirthDate is { } birthDate)
        {
            // The answer to the policy's question only: an exact age pins the founder down, so it is never stated.
            var question = $"Founder aged {criteria.MaximumFounderAge} or under on the submission date";
            results.Add(AgeOn(birthDate, facts.AssessedOn) <= criteria.MaximumFounderAge
                ? Pass("founder-age", $"{question}: yes.")
                : Fail("founder-age", $"{question}: no."));
        }
        else
        {
            results.Add(Fail("founder-age", "The founder's birth date is no longer available."));
        }

        results.Add(company.FounderShareholdingPercent >= criteria.MinimumFounderShareholdingPercent
            ? Pass("founder-shareholding", $"The founder ({company.FounderRole}) holds {Number(company.FounderShareholdingPercent)}%.")
            : Fail("founder-shareholding",
                $"The founder holds {Number(company.FounderShareholdingPercent)}%; at least {Number(criteria.MinimumFounderShareholdingPercent)}% is required."));

        var months = MonthsBetween(company.RegisteredOn, facts.AssessedOn);
        results.Add(months >= criteria.MinimumCompanyAgeMonths && months <= criteria.MaximumCompanyAgeMonths
            ? Pass("company-age", $"The company is {months} months old.")
            : Fail("company-age", $"The company is {months} months old; it must be {criteria.MinimumCompanyAgeMonths} to {criteria.MaximumCompanyAgeMonths}."));

        results.Add(company.RdSpend >= criteria.MinimumRdSpend
            ? Pass("rd-spend", $"CNY {Number(company.RdSpend)} spent on R&D.")
            : Fail("rd-spend", $"CNY {Number(company.RdSpend)} spent on R&D; at least CNY {Number(criteria.MinimumRdSpend)} is required."));

        var recent = company.StaffByMonth.Take(criteria.MinimumStaffMonths).ToList();
        results.Add(recent.Count >= criteria.MinimumStaffMonths && recent.All(count => count >= criteria.MinimumStaff)
            ? Pass("staff", $"At least {criteria.MinimumStaff} staff in each of the last {criteria.MinimumStaffMonths} months.")
            : Fail("staff", $"At least {criteria.MinimumStaff} staff are required in each of the last {criteria.MinimumStaffMonths} months; "
                            + $"declared: {string.Join(", ", recent)}."));

        results.Add(company.RdStaff >= criteria.MinimumRdStaff
            ? Pass("rd-staff", $"{company.RdStaff} staff in R&D.")
            : Fail("rd-staff", $"{company.RdStaff} staff in R&D; at least {criteria.MinimumRdStaff} are required."));

        var team = company.StaffByMonth.FirstOrDefault();
        var share = team == 0 ? 0 : (decimal)company.TeamWithBachelor / team;
        results.Add(team > 0 && share >= criteria.MinimumBachelorShareOfTeam
            ? Pass("team-degrees", $"{company.TeamWithBachelor} of {team} hold a bachelor's degree or above.")
            : Fail("team-degrees", $"{company.TeamWithBachelor} of {team} hold a bachelor's degree or above; "
                                   + $"at least {Number(criteria.MinimumBachelorShareOfTeam * 100)}% must."));

        results.Add(facts.FounderFundedBefore
            ? Fail("once-per-person", "The founder's start-up was funded before; funding is once per person.")
            : Pass("once-per-person", "The founder has not been funded before."));
        results.Add(facts.CompanyFundedBefore
            ? Fail("once-per-company", "This company was funded before; funding is once per company.")
            : Pass("once-per-company", "The company has not been funded before."));

        results.Add(company.RequestedAmount >= policy.MinimumAmount && company.RequestedAmount <= policy.MaximumAmount
            ? Pass("requested-amount", $"CNY {Number(company.RequestedAmount)} requested.")
            : Fail("requested-amount", $"CNY {Number(company.RequestedAmount)} requested; the policy grants CNY {Number(policy.MinimumAmount)} to {Number(policy.MaximumAmount)}."));

        return results;
    }

    /// <summary>The supporting facts other services reported: completed internships and trainings, awards.</summary>
    public static SupportingFacts SupportingFactsOf(StudentRecord? founder) => founder is null
        ? new SupportingFacts(0, 0, [])
        : new SupportingFacts(
            founder.Internships.Count(internship => internship.Progress == InternshipProgress.Completed),
            founder.Activities.Count(activity => activity.Outcomes.Contains(ParticipationOutcome.Completed)),
            founder.Activities.Where(activity => activity.Award is not null).Select(activity => $"{activity.Award} ({activity.Title})").ToList());

    public static int AgeOn(DateOnly birthDate, DateOnly day) =>
        day.Year - birthDate.Year - (day < birthDate.AddYears(day.Year - birthDate.Year) ? 1 : 0);

    public static int MonthsBetween(DateOnly from, DateOnly to) =>
        (to.Year - from.Year) * 12 + to.Month - from.Month - (to.Day < from.Day ? 1 : 0);

    private static CriterionResult Pass(string criterion, string reason) => new(criterion, true, reason);

    private static CriterionResult Fail(string criterion, string reason) => new(criterion, false, reason);

    private static string Number(decimal value) => value.ToString("#,0.##", CultureInfo.InvariantCulture);
}
