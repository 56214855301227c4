using FluentValidation;
using StudentBase.Contracts;
using StudentBase.Http;

namespace Events.Activities;

public static class ProgrammeYearsRule
{
    /// <summary>A moment within the programme's years: outside them a date is a typo, and date arithmetic could overflow.</summary>
    public static IRuleBuilderOptions<T, DateTimeOffset> WithinTheProgrammesYears<T>(this IRuleBuilder<T, DateTimeOffset> rule) =>
        rule.InclusiveBetween(ProgrammeYears.Earliest, ProgrammeYears.Latest)
            .WithMessage($"A moment between {ProgrammeYears.Earliest.Year} and {ProgrammeYears.Latest.Year}.",
                $"时间须在 {ProgrammeYears.Earliest.Year} 年至 {ProgrammeYears.Latest.Year} 年之间。");
}
