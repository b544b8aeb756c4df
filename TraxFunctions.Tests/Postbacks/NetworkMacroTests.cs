using Trax.Input;

namespace Trax.Tests.Postbacks;

public sealed class NetworkMacroTests
{
    // Every form in shared/postbacks/network-macros.md, with the names networks use.
    [TestCase("{clickid}")]
    [TestCase("{aff_sub}")]
    [TestCase("{sub1}")]
    [TestCase("{ clickid }")]
    [TestCase("[CLICK_ID]")]
    [TestCase("[subid]")]
    [TestCase("#s2#")]
    [TestCase("#clickid#")]
    [TestCase("%subid1%")]
    [TestCase("${clickid}")]
    [TestCase("{{click_id}}")]
    [TestCase("<clickid>")]
    [TestCase("*clickid*")]
    [TestCase("{transaction.id}")]
    public void IsPlaceholder_UnreplacedMacro_IsTrue(string value) =>
        Assert.That(NetworkMacro.IsPlaceholder(value), Is.True);

    [TestCase("85512345")]
    [TestCase("ab/cd#ef")]
    [TestCase("a{clickid}")]
    [TestCase("{clickid}x")]
    [TestCase("{}")]
    [TestCase("[1]")]
    [TestCase("#123#")]
    [TestCase("{clickid}\n")]
    [TestCase("Zr4qT9vXk2MwPb7nL0sHcA")]
    public void IsPlaceholder_RealValue_IsFalse(string value) =>
        Assert.That(NetworkMacro.IsPlaceholder(value), Is.False);

    // A txid is an identity: only a macro's name (letters and '_') makes it "no txid"; digits or other characters are data.
    [TestCase("{order_id}")]
    [TestCase("[TXID]")]
    [TestCase("#transaction_id#")]
    [TestCase("{{ order_id }}")]
    [TestCase("%txid%")]
    public void IsMacro_WholeMacroOfLetters_IsTrue(string value) =>
        Assert.That(NetworkMacro.IsMacro(value), Is.True);

    [TestCase("[A-1001]")]
    [TestCase("{order1}")]
    [TestCase("#2024#")]
    [TestCase("<T.1>")]
    [TestCase("[A B]")]
    [TestCase("T-1001")]
    public void IsMacro_ValueWithDigitsOrOtherCharacters_IsFalse(string value) =>
        Assert.That(NetworkMacro.IsMacro(value), Is.False);
}
