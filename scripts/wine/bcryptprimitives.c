/* A stand-in for Windows' bcryptprimitives.dll, for testing under Wine only.
 *
 * Rust's standard library (1.78 and later) draws its random numbers (HashMap seeds) from
 * ProcessPrng in bcryptprimitives.dll, which every Windows 10 and 11 has but Wine before 9
 * (Debian 12's Wine 8) does not, so no Rust program starts there. scripts/check-release.sh
 * builds this file with mingw-w64 into the scratch Wine prefix it runs the .exe in; the
 * released .exe is not changed and ships nothing of it. ProcessPrng is filled from
 * RtlGenRandom (advapi32's SystemFunction036), which Wine has. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG n = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, n))
            return FALSE;
        data += n;
        length -= n;
    }
    return TRUE;
}
