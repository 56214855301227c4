using StudentBase.PersonalData;

namespace Internships.Universities;

/// <summary>A partner university (高校) registered with the base; its coordinator's contact is stored encrypted.</summary>
public record UniversityRegistered(Guid UniversityId, string Name, string City, [PersonalData] string EncryptedCoordinator, DateTimeOffset RegisteredAt);

/// <summary>The university named a new coordinator for the programme.</summary>
public record UniversityCoordinatorNamed(Guid UniversityId, [PersonalData] string EncryptedCoordinator, DateTimeOffset NamedAt);

public class University
{
    public Guid Id { get; set; }
    public int Version { get; set; }
    public string Name { get; set; } = "";
    public string City { get; set; } = "";
    [PersonalData]
    public string EncryptedCoordinator { get; set; } = "";
    public DateTimeOffset RegisteredAt { get; set; }

    public static University Create(UniversityRegistered registered) => new()
    {
        Id = registered.UniversityId,
        Name = registered.Name,
        City = registered.City,
        EncryptedCoordinator = registered.EncryptedCoordinator,
        RegisteredAt = registered.RegisteredAt,
    };

    public void Apply(UniversityCoordinatorNamed named) => EncryptedCoordinator = named.EncryptedCoordinator;
}
