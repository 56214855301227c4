namespace StudentBase.Partners.Tests;

public class IssuingKeys
{
    [Fact]
    public void a_key_is_long_random_and_recognisable_by_a_secret_scanner()
    {
        var key = ApiKeys.Generate();

        key.ShouldStartWith(ApiKeys.Prefix);
        key.Length.ShouldBeGreaterThanOrEqualTo(ApiKeys.Prefix.Length + 43);
        ApiKeys.Generate().ShouldNotBe(key);
    }

    [Fact]
    public void only_a_keys_hash_is_kept_and_it_is_the_same_in_every_service()
    {
        var hash = ApiKeys.Hash("dev-base-admin-key");

        hash.ShouldBe(ApiKeys.Hash("dev-base-admin-key"));
        hash.ShouldMatch("^[0-9a-f]{64}$");
        hash.ShouldNotContain("dev-base-admin-key");
    }
}
