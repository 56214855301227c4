using FluentValidation;

namespace Internships.BranchStations;

/// <summary>Why the base suspends or revokes a branch station; the reason is kept in its history.</summary>
public record StandingChange(string Reason)
{
    public static StandingChange Example { get; } = new("Interns were asked to work more hours than their agreements allow.");

    public sealed class Validator : AbstractValidator<StandingChange>
    {
        public static readonly Validator Instance = new();

        public Validator() => RuleFor(x => x.Reason).NotEmpty().MaximumLength(500);
    }
}
