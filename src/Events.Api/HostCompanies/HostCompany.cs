using StudentBase.Contracts;

namespace Events.HostCompanies;

/// <summary>The Internships service changed a branch station's standing: the companies that host the programme, for company visits.</summary>
public record HostCompanyStandingRecorded(Guid BranchStationId, string Name, BranchStationStanding Standing, DateTimeOffset ChangedAt);

/// <summary>A branch station as the Events service knows it.</summary>
public class HostCompany
{
    public Guid Id { get; set; }
    public int Version { get; set; }
    public string Name { get; set; } = "";
    public BranchStationStanding Standing { get; set; }
    public DateTimeOffset ChangedAt { get; set; }

    public static HostCompany Create(HostCompanyStandingRecorded recorded) => new()
    {
        Id = recorded.BranchStationId,
        Name = recorded.Name,
        Standing = recorded.Standing,
        ChangedAt = recorded.ChangedAt,
    };

    public void Apply(HostCompanyStandingRecorded recorded)
    {
        Name = recorded.Name;
        Standing = recorded.Standing;
        ChangedAt = recorded.ChangedAt;
    }
}
