using FluentValidation;

namespace Internships.Placements;

/// <summary>Why a placement is sent back or withdrawn; the reason stays in its history.</summary>
public record PlacementDecisionReason(string Reason)
{
    public static PlacementDecisionReason Example { get; } = new("Please give the weekly hours and the supervisor's department.");

    public sealed class Validator : AbstractValidator<PlacementDecisionReason>
    {
        public static readonly Validator Instance = new();

        public Validator() => RuleFor(x => x.Reason).NotEmpty().MaximumLength(500);
    }
}
