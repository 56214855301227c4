using FluentValidation;
using StudentBase.Http;
using StudentBase.EventSourcing;

namespace Internships.Permits.Checklists;

/// <summary>The documents one type of permit asks for.</summary>
public record PermitTypeChecklist(PermitType Type, IReadOnlyList<ChecklistItem> Documents);

/// <summary>
/// What each permit asks for, as data: published by the base in versions, never changed in place. A case keeps the
/// checklist in force when it was opened.
/// </summary>
public record PermitChecklistTerms(string Version, DateOnly EffectiveFrom, IReadOnlyList<PermitTypeChecklist> Permits)
{
    public const int MaxItems = 30;

    public static PermitChecklistTerms Example { get; } = new("2027-01", new DateOnly(2027, 1, 1),
    [
        .. Enum.GetValues<PermitType>().Select(type => new PermitTypeChecklist(type,
        [
            new ChecklistItem("passport", "Passport: the personal data page (护照个人资料页)", Required: true),
            new ChecklistItem("photo", "A recent passport photo on a white background (近期白底证件照)", Required: true),
        ])),
    ]);

    public IReadOnlyList<ChecklistItem> For(PermitType type) => Permits.Single(permit => permit.Type == type).Documents;

    public sealed class Validator : AbstractValidator<PermitChecklistTerms>
    {
        public static readonly Validator Instance = new();

        public Validator()
        {
            RuleFor(x => x.Version).NotEmpty().Matches("^[A-Za-z0-9.-]{1,32}$")
                .WithMessage("A version is up to 32 letters, digits, dots and hyphens, e.g. 2026-01.",
                    "版本号最多 32 个字符，仅可包含字母、数字、点和连字符，例如 2026-01。");
            RuleFor(x => x.EffectiveFrom).NotEmpty();
            RuleFor(x => x.Permits).Cascade(CascadeMode.Stop).NotNull()
                .Must(permits => Enum.GetValues<PermitType>().All(type => permits.Count(permit => permit?.Type == type) == 1)
                                 && permits.All(permit => permit is not null && Enum.IsDefined(permit.Type)))
                .WithMessage("Give one checklist for each permit type.", "请为每种许可类型各给出一份清单。");
            RuleForEach(x => x.Permits).NotNull().ChildRules(permit =>
            {
                permit.RuleFor(x => x.Documents).Cascade(CascadeMode.Stop).NotEmpty().Must(documents => documents.Count <= MaxItems)
                    .WithMessage($"A checklist has 1 to {MaxItems} documents.", $"每份清单包含 1 至 {MaxItems} 项材料。")
                    .Must(documents => documents.Select(item => item?.Code).Distinct().Count() == documents.Count)
                    .WithMessage("Each document of a checklist has its own code.", "同一清单中每项材料的代码须各不相同。")
                    .Must(documents => documents.Any(item => item?.Required == true))
                    .WithMessage("A checklist requires at least one document.", "每份清单至少须有一项必交材料。");
                permit.RuleForEach(x => x.Documents).NotNull().ChildRules(item =>
                {
                    item.RuleFor(x => x.Code).NotEmpty().Matches("^[a-z0-9-]{1,40}$")
                        .WithMessage("A document code is up to 40 lower-case letters, digits and hyphens.",
                            "材料代码最多 40 个字符，仅可包含小写字母、数字和连字符。");
                    item.RuleFor(x => x.Description).NotEmpty().MaximumLength(300);
                });
            });
        }
    }
}

/// <summary>The base (or the configuration at start) published a version of the permit checklists.</summary>
public record PermitChecklistPublished(Guid ChecklistId, PermitChecklistTerms Terms, DateTimeOffset PublishedAt);

/// <summary>One published version; its stream id is derived from the version so a version is published once.</summary>
public class PermitChecklist
{
    public Guid Id { get; set; }
    public int Version { get; set; }
    public PermitChecklistTerms Terms { get; set; } = null!;
    public DateTimeOffset PublishedAt { get; set; }

    public static PermitChecklist Create(PermitChecklistPublished published) => new()
    {
        Id = published.ChecklistId,
        Terms = published.Terms,
        PublishedAt = published.PublishedAt,
    };

    /// <summary>A stable id per version name, so publishing the same version twice collides instead of duplicating.</summary>
    public static Guid IdOf(string version) =>
        StreamIds.Named("permit-checklist:" + version.ToUpperInvariant());

    /// <summary>The version in force on <paramref name="day"/>: the latest effective by then.</summary>
    public static PermitChecklistTerms? InForce(IEnumerable<PermitChecklist> published, DateOnly day) => published
        .Select(checklist => checklist.Terms)
        .Where(terms => terms.EffectiveFrom <= day)
        .OrderByDescending(terms => terms.EffectiveFrom)
        .FirstOrDefault();
}
