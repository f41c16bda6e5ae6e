/**
 * The profile photo from an input item's binary data, uploaded with Meta's Resumable
 * Upload API: a session on the credential's app, then the bytes; the handle Meta answers
 * goes into the profile update as `profile_picture_handle`.
 */
import type { IBinaryData, IDataObject, IExecutePaginationFunctions, INodeProperties } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { idFromAnswer, isGraphId } from '../../shared/graphIds';
import { CREDENTIAL_TYPE, type GraphClient } from '../../shared/transport';

/** Meta's profile photo limit; WhatsApp Manager asks for a square image, 640 × 640 recommended. */
export const PROFILE_PHOTO_MAX_BYTES = 5 * 1024 * 1024;

/** The image types Meta accepts for a profile photo, known by their first bytes. */
const PHOTO_SIGNATURES: Array<{ mimeType: string; signature: number[] }> = [
	{ mimeType: 'image/jpeg', signature: [0xff, 0xd8, 0xff] },
	{ mimeType: 'image/png', signature: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
];

export const PROFILE_PHOTO_PARAMETER = 'profilePhoto';
export const PHOTO_BINARY_PARAMETER = 'photoBinaryPropertyName';

const UPLOAD_SESSION_STEP = 'Profile photo upload, step 1 of 2 (starting an upload session)';
const UPLOAD_BYTES_STEP = 'Profile photo upload, step 2 of 2 (sending the photo)';
const PROFILE_UNCHANGED = 'The profile was not changed; running the node again starts a new upload.';

export const profilePhotoProperties: INodeProperties[] = [
	{
		displayName: 'Profile Photo',
		name: PROFILE_PHOTO_PARAMETER,
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Keep Current Photo', value: 'keep', description: 'Leave the profile photo as it is' },
			{
				name: 'Upload From Binary Data',
				value: 'binary',
				description: 'Upload the image in a binary field of the input item (from HTTP Request, Read Files, Convert to File…)',
			},
		],
		default: 'keep',
		description: 'Whether to change the profile photo, from an image a previous node downloaded or read',
	},
	{
		displayName: 'Input Binary Field',
		name: PHOTO_BINARY_PARAMETER,
		type: 'string',
		default: 'data',
		required: true,
		placeholder: 'e.g. data',
		hint: 'The name of the input binary field containing the photo',
		description: `A JPEG or PNG image of at most ${PROFILE_PHOTO_MAX_BYTES / 1024 / 1024} MB; Meta shows it square, 640 × 640 pixels is best. Uploading needs the App ID in the credential.`,
		displayOptions: { show: { [PROFILE_PHOTO_PARAMETER]: ['binary'] } },
	},
];

function photoTypeOf(bytes: Buffer): string | undefined {
	return PHOTO_SIGNATURES.find(({ signature }) => signature.every((byte, index) => bytes[index] === byte))?.mimeType;
}

interface ProfilePhoto {
	bytes: Buffer;
	mimeType: string;
	fileName?: string;
}

function megabytes(bytes: number): string {
	return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * The file's size without reading it: filesystem and S3 binary modes keep it in the file's
 * metadata; the default mode holds the file as base64 in the item, whose length gives it.
 */
async function sizeOf(context: IExecutePaginationFunctions, binary: IBinaryData): Promise<number> {
	if (binary.id) return Number((await context.helpers.getBinaryMetadata(binary.id)).fileSize);
	const data = binary.data ?? '';
	const padding = data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0;
	return Math.floor((data.length * 3) / 4) - padding;
}

type BinaryStream = Awaited<ReturnType<IExecutePaginationFunctions['helpers']['getBinaryStream']>>;

/** At most `limit` + 1 bytes of a stored file, so a file larger than its metadata says is never read whole. */
async function readAtMost(stream: BinaryStream, limit: number): Promise<Buffer> {
	const chunks: Buffer[] = [];
	let length = 0;
	for await (const chunk of stream) {
		chunks.push(chunk as Buffer);
		length += (chunk as Buffer).length;
		if (length > limit) {
			stream.destroy();
			break;
		}
	}
	return Buffer.concat(chunks).subarray(0, limit + 1);
}

/**
 * The input item's image, checked before anything is sent: present, not too large by its
 * metadata (before any byte is read), then read with the same cap and checked to be JPEG or PNG.
 */
async function readProfilePhoto(context: IExecutePaginationFunctions): Promise<ProfilePhoto> {
	const node = context.getNode();
	const property = String(context.getNodeParameter(PHOTO_BINARY_PARAMETER, 'data')).trim();
	const binary = context.getInputData().binary?.[property];
	if (!binary) {
		const present = Object.keys(context.getInputData().binary ?? {});
		throw new NodeOperationError(node, `The input item has no binary field "${property}" for the profile photo`, {
			description: present.length
				? `Its binary fields are: ${present.join(', ')}. Set "Input Binary Field" to the one holding the image.`
				: 'Give this node an item with the image as binary data (HTTP Request with Response Format "File", Read Files From Disk, Convert to File…), or set "Profile Photo" to Keep Current Photo.',
		});
	}
	const shownName = binary.fileName ? `"${binary.fileName}"` : `in binary field "${property}"`;
	const tooLarge = (bytes: number) =>
		new NodeOperationError(node, `The profile photo ${shownName} is too large (${megabytes(bytes)})`, {
			description: `Meta accepts profile photos of at most ${PROFILE_PHOTO_MAX_BYTES / 1024 / 1024} MB. Resize it (640 × 640 pixels is enough), for example with the Edit Image node.`,
		});
	const size = await sizeOf(context, binary);
	if (size > PROFILE_PHOTO_MAX_BYTES) throw tooLarge(size);

	const bytes = binary.id
		? await readAtMost(await context.helpers.getBinaryStream(binary.id), PROFILE_PHOTO_MAX_BYTES)
		: await context.helpers.getBinaryDataBuffer(property);
	if (bytes.length > PROFILE_PHOTO_MAX_BYTES) throw tooLarge(bytes.length);
	const mimeType = photoTypeOf(bytes);
	if (!mimeType) {
		throw new NodeOperationError(node, `The profile photo ${shownName} is not a JPEG or PNG image`, {
			description: `Its content is not JPEG or PNG${binary.mimeType ? ` (the item says ${binary.mimeType})` : ''}. Meta accepts only JPEG and PNG profile photos: convert the image first, for example with the Edit Image node.`,
		});
	}
	return { bytes, mimeType, fileName: binary.fileName };
}

/** The Meta app the photo is uploaded to, from the credential. */
async function uploadAppId(context: IExecutePaginationFunctions): Promise<string> {
	const appId = String((await context.getCredentials(CREDENTIAL_TYPE)).appId ?? '').trim();
	if (isGraphId('graphObject', appId)) return appId;
	throw new NodeOperationError(context.getNode(), appId ? 'The App ID in the credential is not a numeric Meta app ID' : 'The credential has no App ID, which the profile photo upload needs', {
		description:
			"Fill App ID in the WhatsApp Business Management API credential with your Meta app's ID (App Dashboard → App settings → Basic). Meta stores uploaded files under an app, and the token's system user must have a role on that app.",
	});
}

function unexpectedAnswer(context: IExecutePaginationFunctions, step: string, missing: string): NodeApiError {
	return new NodeApiError(context.getNode(), {}, {
		message: `${step} failed: Meta's answer has no ${missing}`,
		description: `${PROFILE_UNCHANGED} If it happens again, check that the credential's Base URL reaches the Graph API directly.`,
	});
}

/**
 * The `before` step of Update Profile: with "Upload From Binary Data", checks the photo and
 * the App ID, then uploads, and gives the handle to the profile update.
 */
export async function uploadProfilePhoto(this: IExecutePaginationFunctions, graph: GraphClient): Promise<IDataObject | undefined> {
	if (this.getNodeParameter(PROFILE_PHOTO_PARAMETER, 'keep') !== 'binary') return undefined;
	// Checks that need no bytes first: the App ID, then the size from the file's metadata.
	const appId = await uploadAppId(this);
	const photo = await readProfilePhoto(this);

	const session = (await graph.send({
		step: UPLOAD_SESSION_STEP,
		method: 'POST',
		url: `/${appId}/uploads`,
		// Meta's current guide lists file_name as required; an item without one gets a name from its type.
		qs: { file_length: photo.bytes.length, file_type: photo.mimeType, file_name: photo.fileName ?? `profile-photo.${photo.mimeType === 'image/png' ? 'png' : 'jpg'}` },
		// A repeated session start only leaves an unused session behind.
		repeat: 'idempotentWrite',
		onFailure: PROFILE_UNCHANGED,
	})) as IDataObject;
	if (session.id === undefined) throw unexpectedAnswer(this, UPLOAD_SESSION_STEP, 'upload session ID (upload:…)');
	const sessionId = idFromAnswer(this.getNode(), 'uploadSession', session.id, `the answer to "${UPLOAD_SESSION_STEP}"`);

	const uploaded = (await graph.send({
		step: UPLOAD_BYTES_STEP,
		method: 'POST',
		// The session ID is used as Meta gives it, checked above: it may carry its own query (`?sig=…`).
		url: `/${sessionId}`,
		headers: { file_offset: '0', 'Content-Type': photo.mimeType },
		body: photo.bytes,
		auth: 'OAuth',
		repeat: 'oneShotWrite',
		oneShotBecause: 'Meta does not document sending the same bytes to a session twice',
		onFailure: PROFILE_UNCHANGED,
	})) as IDataObject;
	if (typeof uploaded.h !== 'string' || !uploaded.h) throw unexpectedAnswer(this, UPLOAD_BYTES_STEP, 'file handle (h)');
	return { profile_picture_handle: uploaded.h };
}
