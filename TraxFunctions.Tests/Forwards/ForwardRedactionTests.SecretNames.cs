using Trax.Input;

namespace Trax.Tests.Forwards;

/// <summary>Which parameter names are secret (SecretParameters.IsSecretName): the names whose values a record redacts.</summary>
public sealed partial class ForwardRedactionTests
{
    [TestCase("token")]
    [TestCase("TOKEN")]
    [TestCase("Token")]
    [TestCase("key")]
    [TestCase("KEY")]
    [TestCase("Key")]
    [TestCase("secret")]
    [TestCase("SECRET")]
    [TestCase("SeCrEt")]
    [TestCase("sig")]
    [TestCase("SIG")]
    [TestCase("signature")]
    [TestCase("Signature")]
    [TestCase("sign")]
    [TestCase("SIG_v2")]
    [TestCase("sig-sha256")]
    [TestCase("sigv4")]
    [TestCase("apikey")]
    [TestCase("api_key")]
    [TestCase("X-Api-Key")]
    [TestCase("access_token")]
    [TestCase("mytoken")]
    [TestCase("client_secret")]
    [TestCase("topsecret")]
    [TestCase("password")]
    [TestCase("Passwd")]
    [TestCase("pwd")]
    [TestCase("monkey")]
    [TestCase("pass")]
    [TestCase("user_password")]
    [TestCase("auth")]
    [TestCase("Authorization")]
    [TestCase("credentials")]
    [TestCase("hash")]
    [TestCase("HMAC")]
    [TestCase("is_sig")]
    public void IsSecretName_SecretNames_InAnyCase(string name)
    {
        Assert.That(SecretParameters.IsSecretName(name), Is.True);
    }

    [TestCase("")]
    [TestCase("clickid")]
    [TestCase("keyword")]
    [TestCase("si")]
    [TestCase("xsig")]
    [TestCase("sub1")]
    [TestCase("sub5")]
    [TestCase("author")]
    [TestCase("hashtag")]
    [TestCase("passport")]
    [TestCase("passes")]
    [TestCase("tokenized")]
    [TestCase("spin")]
    [TestCase("opinion")]
    [TestCase("codec")]
    [TestCase("status")]
    [TestCase("payout")]
    [TestCase("txid")]
    [TestCase("conversion")]
    [TestCase("1")]
    [TestCase("_")]
    public void IsSecretName_OtherNames_AreNot(string name)
    {
        Assert.That(SecretParameters.IsSecretName(name), Is.False);
    }

    // Issue 17, item 10: names the delivery log kept in clear. `code` is the Functions key's parameter.
    [TestCase("code")]
    [TestCase("Code")]
    [TestCase("jwt")]
    [TestCase("JWT")]
    [TestCase("pw")]
    [TestCase("passphrase")]
    [TestCase("pass_phrase")]
    [TestCase("session")]
    [TestCase("sessionid")]
    [TestCase("SessionId")]
    [TestCase("session_id")]
    [TestCase("sessions")]
    [TestCase("bearer")]
    [TestCase("otp")]
    [TestCase("otp_code")]
    [TestCase("pin")]
    [TestCase("pins")]
    [TestCase("auth_code")]
    [TestCase("authCode")]
    [TestCase("x-auth-token")]
    [TestCase("token1")]
    [TestCase("token_2")]
    [TestCase("secret2")]
    [TestCase("tokens")]
    [TestCase("secrets")]
    [TestCase("keys")]
    [TestCase("api_keys")]
    [TestCase("access_tokens")]
    [TestCase("password2")]
    [TestCase("sig2")]
    [TestCase("credential1")]
    public void IsSecretName_IssueNamesDigitSuffixesAndPlurals_AreSecret(string name)
    {
        Assert.That(SecretParameters.IsSecretName(name), Is.True);
    }

    [Test]
    public void IsSecretName_Null_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => SecretParameters.IsSecretName(null!));
    }
}
