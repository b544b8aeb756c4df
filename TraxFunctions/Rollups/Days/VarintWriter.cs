namespace Trax.Rollups;

/// <summary>Writes bytes and unsigned varints (LEB128: 7 bits a byte, low first) for <see cref="DayRowCodec"/>.</summary>
internal sealed class VarintWriter
{
    private readonly MemoryStream buffer = new();

    public void Byte(byte value) => buffer.WriteByte(value);

    public void Varint(ulong value)
    {
        while (value >= 0x80)
        {
            buffer.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }

        buffer.WriteByte((byte)value);
    }

    public void Varint(UInt128 value)
    {
        while (value >= 0x80)
        {
            buffer.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }

        buffer.WriteByte((byte)value);
    }

    public byte[] ToArray() => buffer.ToArray();
}
